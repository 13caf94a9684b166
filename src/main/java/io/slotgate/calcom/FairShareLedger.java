package io.slotgate.calcom;

import static io.slotgate.time.Durations.min;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one of {@code instances} instances may spend of a shared key alone, while it cannot reach the shared ledger:
 * an equal share, computed without talking to the others.
 *
 * <p>Every instance in the same position applies the same rule, so together they stay within the limit. The calls
 * the shared ledger held when this instance lost it ({@code inherited}, as last seen) still count against everyone
 * until they expire: an instance may take a call only if its own calls stay below its share AND below its equal part
 * of what the inherited calls leave of the limit, {@code (limit - reserve - inherited) / instances}. Without the second
 * rule, the calls made just before the loss and the shares spent just after it could add up to twice the limit in one
 * window. With it, the instances' own calls add up to at most what the inherited ones leave, at every instant: each
 * took its calls when the inherited were at least as many as now. (The rule before 2026-12-01 kept room for a full
 * share of every other instance on top of the inherited calls, which after a busy minute left no room at all for up
 * to a window: in the pressure bench's Redis restart, readers got 503s while the key spent 92 of its 120.)
 */
public final class FairShareLedger implements RateLedger {
    private final int instances;
    private final LocalRateLedger inherited = new LocalRateLedger();
    private final LocalRateLedger own = new LocalRateLedger();
    private volatile Instant blockedUntil;

    /**
     * @param instances  instances known to share the key (at least 1)
     * @param inheritedCalls how many calls the shared ledger held when it was last reached
     * @param inheritedUntil when they stop counting at the latest
     * @param blockedUntil   a block the shared ledger knew of, if any
     */
    public FairShareLedger(int instances, int inheritedCalls, Instant inheritedUntil, Instant now,
                           Optional<Instant> blockedUntil) {
        if (instances < 1) {
            throw new IllegalArgumentException("at least one instance shares a key");
        }
        this.instances = instances;
        this.inherited.hold(now, inheritedCalls, inheritedUntil);
        this.blockedUntil = blockedUntil.orElse(Instant.MIN);
    }

    @Override
    public Take take(Instant now, Duration window, int limit, int reserve) {
        if (now.isBefore(blockedUntil)) {
            return Take.refused(Duration.between(now, blockedUntil));
        }
        int share = limit / instances;
        int ownReserve = (reserve + instances - 1) / instances;
        int room = Math.min(share - ownReserve, (limit - reserve - inherited.used(now)) / instances);
        if (own.used(now) < room) {
            return own.take(now, window, room, 0);
        }
        // room comes back when one of our own calls or one of the inherited ones stops counting
        return Take.refused(min(own.nextExpiry(now), inherited.nextExpiry(now)));
    }

    /** The calls taken alone, still counting at {@code now}: given back to the shared ledger when it is reachable. */
    public int ownCalls(Instant now) {
        return own.used(now);
    }

    @Override
    public void hold(Instant now, int calls, Instant until) {
        own.hold(now, calls, until);
    }

    @Override
    public void block(Instant until) {
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    @Override
    public int used(Instant now) {
        return own.used(now) + inherited.used(now);
    }

    @Override
    public int stillCounting(Instant now, Instant at) {
        return own.stillCounting(now, at) + inherited.stillCounting(now, at);
    }

    @Override
    public Optional<Instant> blockedUntil(Instant now) {
        return now.isBefore(blockedUntil) ? Optional.of(blockedUntil) : Optional.empty();
    }
}
