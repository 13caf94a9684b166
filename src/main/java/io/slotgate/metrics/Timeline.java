package io.slotgate.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The last {@value #MINUTES} minutes of one process, minute by minute, for the dashboard: requests by outcome, the
 * p95 latency of each minute, Cal.com calls, the rate budget and invalidations. Minutes come from the injected
 * {@link Clock} (virtual time moves them in tests and the simulator), so the ring is a pure function of what was
 * recorded when.
 *
 * <p>Latency goes into log-scale buckets, {@value #BUCKETS_PER_DOUBLING} per doubling from 50 µs (each about 9 %
 * wide, like HdrHistogram with two significant bits): a minute costs a fixed {@value #BUCKETS} longs however busy it
 * was, and its p95 is the upper bound of the bucket holding the 95th percentile (at most 9 % above the exact value).
 *
 * <p>Thread-safe: each minute has its own lock, held for a few increments.
 */
final class Timeline {
    public static final int MINUTES = 60;
    static final int BUCKETS_PER_DOUBLING = 8;
    static final int BUCKETS = BUCKETS_PER_DOUBLING * 22 + 1;
    static final double FIRST_BUCKET_NANOS = 50_000;

    /** What the rate budget looks like now, summed over the tenants' budgets. */
    public record Budget(int perMinute, double tokens) {
        public static final Budget NONE = new Budget(0, 0);
    }

    /** One minute of the ring. {@code p95Millis} is empty when no request was timed in it. */
    public record Minute(Instant start, long requests, long hits, long stale, long misses, long partial, long bypass,
                         long errors, OptionalDouble p95Millis, long calcomCalls, int budgetPerMinute,
                         OptionalDouble budgetTokensLow, long invalidations) {
        /** Requests answered from day buckets: the denominator of the hit and stale rates. */
        public long cached() {
            return hits + stale + misses + partial;
        }
    }

    /** Counts since the process started. */
    public record Totals(long requests, long hits, long stale, long misses, long partial, long bypass, long errors,
                         long calcomCalls, long invalidations) {
    }

    /** The ring, oldest minute first (always {@value #MINUTES} of them, the last one the current minute). */
    public record Snapshot(Instant now, List<Minute> minutes, Totals totals, Budget budget,
                           OptionalDouble p95MillisLast5Minutes) {
    }

    private final Clock clock;
    private final Slot[] ring = new Slot[MINUTES];
    private final LongAdder[] totals = new LongAdder[RequestOutcome.values().length];
    private final LongAdder totalCalcom = new LongAdder();
    private final LongAdder totalInvalidations = new LongAdder();
    private volatile Supplier<Budget> budget = () -> Budget.NONE;

    public Timeline(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < MINUTES; i++) {
            ring[i] = new Slot();
        }
        for (int i = 0; i < totals.length; i++) {
            totals[i] = new LongAdder();
        }
    }

    /** Where {@link #sampleBudget()} reads the budget. */
    public void budgetFrom(Supplier<Budget> source) {
        this.budget = Objects.requireNonNull(source, "source");
    }

    public void request(RequestOutcome outcome, Duration latency) {
        totals[outcome.ordinal()].increment();
        int bucket = bucket(latency.toNanos());
        update(slot -> {
            slot.outcomes[outcome.ordinal()]++;
            slot.latency[bucket]++;
        });
    }

    public void calcomCall() {
        totalCalcom.increment();
        Budget now = budget.get();
        update(slot -> {
            slot.calcom++;
            slot.budget(now);
        });
    }

    public void invalidations(long count) {
        totalInvalidations.add(count);
        update(slot -> slot.invalidations += count);
    }

    /** Notes the rate budget in the current minute (its limit, and its lowest token level seen in the minute). */
    public void sampleBudget() {
        Budget now = budget.get();
        update(slot -> slot.budget(now));
    }

    public Snapshot snapshot() {
        sampleBudget();
        Instant now = clock.instant();
        long current = epochMinute(now);
        List<Minute> minutes = new ArrayList<>(MINUTES);
        long[] recent = new long[BUCKETS];
        for (long m = current - MINUTES + 1; m <= current; m++) {
            Slot slot = ring[index(m)];
            slot.lock.lock();
            try {
                boolean live = slot.epochMinute == m;
                minutes.add(live ? slot.toMinute() : Slot.empty(m));
                if (live && m > current - 5) {
                    for (int b = 0; b < BUCKETS; b++) {
                        recent[b] += slot.latency[b];
                    }
                }
            } finally {
                slot.lock.unlock();
            }
        }
        return new Snapshot(now, List.copyOf(minutes), totals(), budget.get(), p95(recent));
    }

    public Totals totals() {
        return new Totals(total(RequestOutcome.HIT) + total(RequestOutcome.MISS) + total(RequestOutcome.PARTIAL)
                + total(RequestOutcome.STALE) + total(RequestOutcome.BYPASS) + total(RequestOutcome.ERROR),
                total(RequestOutcome.HIT), total(RequestOutcome.STALE), total(RequestOutcome.MISS),
                total(RequestOutcome.PARTIAL), total(RequestOutcome.BYPASS), total(RequestOutcome.ERROR),
                totalCalcom.sum(), totalInvalidations.sum());
    }

    private long total(RequestOutcome outcome) {
        return totals[outcome.ordinal()].sum();
    }

    private void update(Consumer<Slot> change) {
        long minute = epochMinute(clock.instant());
        Slot slot = ring[index(minute)];
        slot.lock.lock();
        try {
            if (slot.epochMinute < minute) {
                slot.reset(minute);
            }
            change.accept(slot);
        } finally {
            slot.lock.unlock();
        }
    }

    private static long epochMinute(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    private static int index(long epochMinute) {
        return (int) Math.floorMod(epochMinute, MINUTES);
    }

    static int bucket(long nanos) {
        if (nanos <= FIRST_BUCKET_NANOS) {
            return 0;
        }
        double doublings = Math.log(nanos / FIRST_BUCKET_NANOS) / Math.log(2);
        return (int) Math.min(BUCKETS - 1, Math.ceil(doublings * BUCKETS_PER_DOUBLING - 1e-9));
    }

    static double upperBoundMillis(int bucket) {
        return FIRST_BUCKET_NANOS * Math.pow(2, (double) bucket / BUCKETS_PER_DOUBLING) / 1_000_000.0;
    }

    /** The upper bound of the bucket holding the 95th percentile; empty when nothing was recorded. */
    static OptionalDouble p95(long[] buckets) {
        long count = 0;
        for (long c : buckets) {
            count += c;
        }
        if (count == 0) {
            return OptionalDouble.empty();
        }
        long rank = (long) Math.ceil(0.95 * count);
        long seen = 0;
        for (int b = 0; b < buckets.length; b++) {
            seen += buckets[b];
            if (seen >= rank) {
                return OptionalDouble.of(upperBoundMillis(b));
            }
        }
        return OptionalDouble.of(upperBoundMillis(buckets.length - 1));
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        long epochMinute = Long.MIN_VALUE;
        final long[] outcomes = new long[RequestOutcome.values().length];
        final long[] latency = new long[BUCKETS];
        long calcom;
        long invalidations;
        int budgetPerMinute;
        double tokensLow = Double.NaN;

        void reset(long minute) {
            epochMinute = minute;
            java.util.Arrays.fill(outcomes, 0);
            java.util.Arrays.fill(latency, 0);
            calcom = 0;
            invalidations = 0;
            budgetPerMinute = 0;
            tokensLow = Double.NaN;
        }

        void budget(Budget now) {
            budgetPerMinute = Math.max(budgetPerMinute, now.perMinute());
            if (now.perMinute() > 0) {
                tokensLow = Double.isNaN(tokensLow) ? now.tokens() : Math.min(tokensLow, now.tokens());
            }
        }

        Minute toMinute() {
            long requests = 0;
            for (long c : outcomes) {
                requests += c;
            }
            return new Minute(Instant.ofEpochSecond(epochMinute * 60), requests,
                    outcomes[RequestOutcome.HIT.ordinal()], outcomes[RequestOutcome.STALE.ordinal()],
                    outcomes[RequestOutcome.MISS.ordinal()], outcomes[RequestOutcome.PARTIAL.ordinal()],
                    outcomes[RequestOutcome.BYPASS.ordinal()], outcomes[RequestOutcome.ERROR.ordinal()],
                    p95(latency), calcom, budgetPerMinute,
                    Double.isNaN(tokensLow) ? OptionalDouble.empty() : OptionalDouble.of(tokensLow), invalidations);
        }

        static Minute empty(long minute) {
            return new Minute(Instant.ofEpochSecond(minute * 60), 0, 0, 0, 0, 0, 0, 0, OptionalDouble.empty(), 0, 0,
                    OptionalDouble.empty(), 0);
        }
    }
}
