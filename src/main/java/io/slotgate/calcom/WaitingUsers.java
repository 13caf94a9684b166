package io.slotgate.calcom;

import static io.slotgate.time.Durations.max;
import static io.slotgate.time.Durations.min;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/** The users waiting for a call, in line, and how long a new one would wait behind them. */
final class WaitingUsers {
    /** How often a waiting user looks again whether it may go (the ledger may be shared with other instances). */
    static final Duration POLL = Duration.ofMillis(25);

    /**
     * A user in line; one past its share ({@code overShare}) stands behind every user within theirs, and among those
     * held the client that asked for fewer misses in the window goes first.
     */
    private record Waiter(Priority priority, boolean overShare, int misses, long seq) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            int byPriority = priority.compareTo(o.priority);
            if (byPriority != 0) {
                return byPriority;
            }
            int byShare = Boolean.compare(overShare, o.overShare);
            if (byShare != 0) {
                return byShare;
            }
            int byMisses = overShare ? Integer.compare(misses, o.misses) : 0;
            return byMisses != 0 ? byMisses : Long.compare(seq, o.seq);
        }
    }

    private final Clock clock;
    private final RateLedger ledger;
    private final ReentrantLock lock;
    private final IntSupplier capacity;
    private final BudgetTally tally;
    private final TreeSet<Waiter> line = new TreeSet<>();
    private final AtomicLong seq = new AtomicLong();

    WaitingUsers(Clock clock, RateLedger ledger, ReentrantLock lock, IntSupplier capacity, BudgetTally tally) {
        this.clock = clock;
        this.ledger = ledger;
        this.lock = lock;
        this.capacity = capacity;
        this.tally = tally;
    }

    /** Waits in line, counted in the time it slept, for at most {@code patience}. */
    RateBudget.Decision await(Priority priority, FairShareGate.Standing standing, Duration patience, Sleeper sleeper)
            throws InterruptedException {
        Waiter me = new Waiter(priority, standing.overShare(), standing.misses(), seq.getAndIncrement());
        lock.lock();
        try {
            line.add(me);
        } finally {
            lock.unlock();
        }
        Duration slept = Duration.ZERO;
        try {
            while (true) {
                // first come, first served only when calls are scarce: a user may go while the window holds a call
                // for every user ahead of him too, so a crowd arriving at once is not let through one poll apart
                int ahead = ahead(me);
                boolean first = ahead == 0;
                RateLedger.Take take = ledger.take(clock.instant(), RateBudget.WINDOW, capacity.getAsInt(),
                        ahead + standing.keep());
                if (!first && !take.taken()) {
                    take = RateLedger.Take.refused(POLL);
                }
                if (take.taken()) {
                    return tally.grant(priority);
                }
                Duration left = patience.minus(slept);
                // the first in line knows when the ledger expects room: no use waiting for what comes too late
                if (!left.isPositive() || first && take.retryIn().compareTo(left) > 0) {
                    return tally.refuse(priority, expectedWait(me, take.retryIn()));
                }
                Duration nap = min(take.retryIn().isPositive() ? take.retryIn() : POLL, left);
                sleeper.sleep(nap);
                slept = slept.plus(nap);
            }
        } finally {
            lock.lock();
            try {
                line.remove(me);
            } finally {
                lock.unlock();
            }
        }
    }

    /** When a call for a new USER could go: after every waiting user has had one. */
    Duration expectedUserWait() {
        Instant now = clock.instant();
        Optional<Instant> blocked = ledger.blockedUntil(now);
        if (blocked.isPresent()) {
            return Duration.between(now, blocked.get());
        }
        int ahead = size();
        int used = ledger.used(now);
        if (used + ahead < capacity.getAsInt()) {
            return Duration.ZERO;
        }
        // the calls that must stop counting before ours: those above what the window holds, plus one per user ahead
        return untilFree(now, used + ahead - capacity.getAsInt() + 1);
    }

    int size() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    private int ahead(Waiter me) {
        lock.lock();
        try {
            return line.headSet(me).size();
        } finally {
            lock.unlock();
        }
    }

    private Duration expectedWait(Waiter me, Duration retryIn) {
        int ahead = ahead(me);
        if (ahead == 0) {
            return retryIn;
        }
        Instant now = clock.instant();
        return max(retryIn, untilFree(now, ledger.used(now) + ahead - capacity.getAsInt() + 1));
    }

    /** How long until {@code calls} of the entries counting now have stopped counting (approximate, for Retry-After). */
    private Duration untilFree(Instant now, int calls) {
        if (calls <= 0) {
            return Duration.ZERO;
        }
        // entries expire at most one window after now; search the earliest instant at which enough have
        long lo = 0;
        long hi = RateBudget.WINDOW.toMillis();
        int used = ledger.used(now);
        while (lo < hi) {
            long mid = (lo + hi) / 2;
            int still = ledger.stillCounting(now, now.plusMillis(mid));
            if (used - still >= calls) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Duration.ofMillis(lo);
    }
}
