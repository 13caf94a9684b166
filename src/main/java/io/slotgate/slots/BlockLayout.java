package io.slotgate.slots;

import java.util.Set;

/**
 * One way a busy time may have changed the grid: what is certainly laid out, what may be, the stretch of slot starts a
 * re-laid range may still cover (closed; null when no range was re-laid), and whether it may go on past the last day.
 */
record BlockLayout(Set<Long> laid, Set<Long> unsure, long[] span, boolean reachesOn) {
    BlockLayout {
        laid = Set.copyOf(laid);
        unsure = Set.copyOf(unsure);
    }

    BlockLayout(Set<Long> laid, Set<Long> unsure, boolean reachesOn) {
        this(laid, unsure, null, reachesOn);
    }
}
