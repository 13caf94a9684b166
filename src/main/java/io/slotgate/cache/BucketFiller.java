package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One upstream call for a span of whole UTC days of one target. A USER call may wait for the rate budget for at most
 * {@code patience}; other priorities never wait.
 */
@FunctionalInterface
public interface BucketFiller {
    CalcomOutcome<List<Slot>> fetch(FillTarget target, TimeRange utcDays, Priority priority, Duration patience);

    /** What decides how Cal.com lays out the target's slots; empty when its event type is not known. */
    default Optional<FillFacts> facts(FillTarget target) {
        return Optional.empty();
    }

    /** The minutes the target's slots step by (its slot interval, else its length); 0 when not known. */
    default int frequencyMinutes(FillTarget target) {
        return facts(target).map(FillFacts::frequencyMinutes).orElse(0);
    }

    /** The target's minimum booking notice, as far as it is known. */
    default Duration notice(FillTarget target) {
        return facts(target).map(f -> Duration.ofMinutes(f.noticeMinutes())).orElse(Duration.ZERO);
    }
}
