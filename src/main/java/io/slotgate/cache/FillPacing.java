package io.slotgate.cache;

import io.slotgate.calcom.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * How soon a target's next call may come for background needs: no sooner than {@code spacing} after its last call
 * started, so that the changes of a busy minute share one call rather than spending one each, and for needs that
 * only want to show freed slots no sooner than the longer {@code freedSpacing}. A user's miss is never paced. Both
 * figures are read at each use, so that a reloaded policy applies at once.
 *
 * @param spacing      the least time between two calls of one target that only background needs ask for
 * @param freedSpacing the same for calls that only freed-slot needs ask for
 */
record FillPacing(Supplier<Duration> spacing, Supplier<Duration> freedSpacing) {
    /** The longer of the two spacings: how long a target's last call still counts. */
    Duration longest() {
        Duration least = spacing.get();
        Duration freed = freedSpacing.get();
        return freed.compareTo(least) > 0 ? freed : least;
    }

    /**
     * The pacing of one target's last call, worked out once for a scan over its waiting days: when a waiting day may
     * join a call is its "not before", and for a background need the target's pacing.
     */
    From from(Instant lastCall) {
        if (lastCall.equals(Instant.MIN)) {
            return new From(null, null);
        }
        Duration least = spacing.get();
        Duration longest = longest();
        return new From(least.isZero() ? null : lastCall.plus(least), longest.isZero() ? null : lastCall.plus(longest));
    }

    /** @param paced,freedPaced when a background or freed-only need is due at the earliest; null: not paced */
    record From(Instant paced, Instant freedPaced) {
        Instant dueAt(FillNeed need) {
            Instant earliest = need.freedOnly() ? freedPaced : paced;
            if (need.priority() == Priority.USER || earliest == null) {
                return need.notBefore();
            }
            return earliest.isAfter(need.notBefore()) ? earliest : need.notBefore();
        }
    }
}
