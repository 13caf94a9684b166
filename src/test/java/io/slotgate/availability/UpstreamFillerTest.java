package io.slotgate.availability;

import io.slotgate.cache.FillTarget;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFillerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T08:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    // Cal.com with the key's budget spent: every call answered 429
    private final CalcomClient throttled = new CalcomClient(Optional.of("cal_live_spent"), List.of(), request -> {
        calls.incrementAndGet();
        return new UpstreamResponse(429, Map.of(), "");
    });
    private final EventTypeDirectory eventTypes = new EventTypeDirectory(throttled, clock);
    private final UpstreamFiller filler = new UpstreamFiller(throttled, eventTypes, () -> 0, () -> 0);

    @Test
    void aChangesFollowUpReadsTheSlotStepFromHeldFactsAndNeverAsksCalcom() {
        FillTarget target = new FillTarget(TenantId.DEFAULT, 1010, 30);

        assertThat(filler.frequencyMinutes(target)).as("facts not held: unknown, not a refused lookup").isZero();
        assertThat(calls).hasValue(0);

        eventTypes.learn(new EventTypeInfo(1010, 30, List.of(15, 30, 60), 120, 5, 5, List.of(1L, 2L), 15,
                EventTypeInfo.Scheduling.ROUND_ROBIN));
        assertThat(filler.frequencyMinutes(target)).as("the slot interval").isEqualTo(15);
        eventTypes.learn(new EventTypeInfo(1001, 15, List.of(), 60, 0, 0, List.of(1L)));
        assertThat(filler.frequencyMinutes(new FillTarget(TenantId.DEFAULT, 1001, 15))).as("no interval: the length")
                .isEqualTo(15);
        assertThat(calls).hasValue(0);
    }
}
