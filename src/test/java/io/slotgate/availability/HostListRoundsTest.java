package io.slotgate.availability;

import io.slotgate.app.RuntimeServices;
import io.slotgate.app.Slotgate;
import io.slotgate.calcom.Sleeper;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.InProcessTransport;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import io.slotgate.tenant.Tenant;
import io.slotgate.time.MutableClock;
import io.slotgate.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosts' lists a cold load leaves go out one round per rate window on the scheduler, in virtual time: the demo
 * tenant's team names three hosts, the allowance is one list a window, so the cold load reads Ben's and the next two
 * windows Oliver's and Priya's; the event types those describe stop being provisional then, and none is looked up by
 * id.
 */
class HostListRoundsTest {
    private static final Instant NOW = Instant.parse("2030-01-06T08:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(62);

    @Test
    void theHostsListsAColdLoadLeftAreReadOneRoundAWindowAndDescribeTheProvisionalEventTypes() {
        MutableClock clock = new MutableClock(NOW);
        CalcomEmulator emulator = new CalcomEmulator(clock, EmulatorSettings.defaults().withLatency(LatencyModel.zero())
                .withRateLimit(Integer.MAX_VALUE));
        DemoData.install(emulator);
        SlotgateConfig config = SlotgateConfig.defaults()
                .withCalcom(SlotgateConfig.HOSTED_CALCOM, Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY)))
                .with(b -> b.catalog = new EventTypeCatalog.Settings(true, Duration.ofMinutes(30), 1,
                        Duration.ofMinutes(1), 50));
        VirtualScheduler scheduler = new VirtualScheduler(clock);
        RuntimeServices runtime = new RuntimeServices(clock, Sleeper.system(), scheduler, Runnable::run,
                settings -> new InProcessTransport(emulator), PolicyHolder.fixed(Stack.TEST_POLICY),
                new ActivityTracker(clock), new Random(1));
        Tenant tenant = Slotgate.tenant(config, config.defaultTenant(), runtime);
        EventTypeCatalog catalog = tenant.availability().catalog();

        assertThat(catalog.admit(1001)).isEqualTo(EventTypeCatalog.Verdict.LISTED);
        assertThat(catalog.admit(1005)).as("Oliver's, his list left").isEqualTo(EventTypeCatalog.Verdict.PROVISIONAL);
        assertThat(catalog.admit(1004)).as("Priya's, her list left").isEqualTo(EventTypeCatalog.Verdict.PROVISIONAL);
        assertThat(catalog.snapshot().hostListsPending()).isEqualTo(2);
        long listCalls = catalog.snapshot().listCalls();

        scheduler.advanceTo(NOW.plus(WINDOW));
        assertThat(catalog.snapshot().hostListsPending()).isEqualTo(1);
        assertThat(catalog.snapshot().listCalls()).isEqualTo(listCalls + 1);
        assertThat(catalog.snapshot().provisional()).as("until every list is read").isEqualTo(2);

        scheduler.advanceTo(NOW.plus(WINDOW.multipliedBy(2)));
        EventTypeCatalog.Snapshot done = catalog.snapshot();
        assertThat(done.hostListsPending()).isZero();
        assertThat(done.provisional()).isZero();
        assertThat(done.listed()).isEqualTo(10);
        assertThat(done.listCalls()).isEqualTo(listCalls + 2);
        assertThat(catalog.admit(1005)).isEqualTo(EventTypeCatalog.Verdict.LISTED);
        assertThat(tenant.eventTypes().peek(1005)).hasValueSatisfying(info -> assertThat(info.isKnown()).isTrue());
        assertThat(emulator.requestCount("/v2/event-types/")).as("per-id lookups").isZero();
    }
}
