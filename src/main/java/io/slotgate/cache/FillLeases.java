package io.slotgate.cache;

import java.time.Duration;
import java.util.List;

/**
 * Keeps several slotgate instances from filling the same days at once (DESIGN.md §3: "a short Redis lease across
 * instances"). A fill claims the days of its run; days another instance already holds are not fetched at once but
 * awaited, for at most {@link #patience()}, after which (or as soon as the other lease is gone) they are fetched
 * anyway. Leases expire on their own, so a crashed holder delays the others, never blocks them.
 */
public interface FillLeases {
    /** One process alone: every day is always ours. */
    FillLeases NONE = new FillLeases() {
        @Override
        public Claim claim(List<CacheKey.Bucket> run) {
            return new Claim(run, List.of(), () -> { });
        }

        @Override
        public boolean heldElsewhere(CacheKey.Bucket day) {
            return false;
        }

        @Override
        public Duration patience() {
            return Duration.ZERO;
        }

        @Override
        public Duration pollEvery() {
            return Duration.ofMillis(10);
        }
    };

    /** Takes the lease of every free day of the run; never blocks. */
    Claim claim(List<CacheKey.Bucket> run);

    /** Whether another instance still holds the lease of this day. */
    boolean heldElsewhere(CacheKey.Bucket day);

    /** The longest a fill waits for days another instance is filling before it fetches them itself. */
    Duration patience();

    Duration pollEvery();

    /** The days this fill may fetch ({@code mine}), those another instance is fetching ({@code theirs}). */
    record Claim(List<CacheKey.Bucket> mine, List<CacheKey.Bucket> theirs, Runnable release) {
        public Claim {
            mine = List.copyOf(mine);
            theirs = List.copyOf(theirs);
        }
    }
}
