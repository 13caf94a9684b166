package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.util.List;

/**
 * One upstream call for a span of whole UTC days of one target. A USER call may wait for the rate budget for at most
 * {@code patience}; other priorities never wait.
 */
@FunctionalInterface
public interface BucketFiller {
    CalcomOutcome<List<Slot>> fetch(FillTarget target, TimeRange utcDays, Priority priority, Duration patience);

    /** The minutes the target's slots step by (its slot interval, else its length); 0 when not known. */
    default int frequencyMinutes(FillTarget target) {
        return 0;
    }

    /** The target's minimum booking notice, as far as it is known. */
    default Duration notice(FillTarget target) {
        return Duration.ZERO;
    }
}
