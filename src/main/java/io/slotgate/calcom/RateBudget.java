package io.slotgate.calcom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate budget of one Cal.com API key (one client = one key = one budget): a token bucket, refilled continuously
 * from the injected clock, that hands out tokens by {@link Priority} and keeps a reserve for users.
 *
 * <h2>Sizing: why below Cal.com's limit, and why capacity + refill, not capacity alone</h2>
 * Cal.com allows 120 calls per API key in a 60 s window and then blocks the key for 60 s (NOTES.md §6). The budget
 * promises at most {@link Settings#perMinute()} calls (default 100) in <em>any</em> 60 s, with the bucket sized so
 * that capacity + one window of refill equals that number: capacity = {@link Settings#burst()} (default 20), refill
 * = perMinute - burst per 60 s (default 80). A bucket of capacity 100 refilled at 100/min would let a full bucket and a
 * minute of refill through in one window, 200 calls, and get the key blocked.
 *
 * <p>100 and not 120, because what Cal.com counts is not exactly what we send: Cal.com counts on arrival (latency
 * jitter squeezes calls sent over 61 s into its 60 s window), counts calls we gave up on (a timeout that did reach
 * it), and starts its window at the first hit, not on our clock. The 20 calls of headroom absorb that; Cal.com's
 * headers correct the rest (see {@link #observe}).
 *
 * <h2>Priorities</h2>
 * A USER call takes a token if there is one; if not, it reserves the next one (the token count goes negative, so
 * users are served first come, first served) provided that token comes within {@link Settings#maxUserWait()}, and
 * else is refused with the wait it would have needed. REFRESH takes a token only while more than
 * {@link Settings#refreshReservePercent()} of the capacity would remain, WARMING and VERIFICATION only while more
 * than {@link Settings#backgroundReservePercent()} would: they never wait and never queue, they are refused at once.
 * So when tokens are scarce they go to users, then to refreshes, then to the background.
 *
 * <h2>Cal.com's answers</h2>
 * {@code X-RateLimit-Limit-Default} resizes the budget to the same fraction of the real limit (a key raised to 200/min
 * gets a budget of 166); {@code X-RateLimit-Remaining-Default} lower than our tokens (someone else uses the key)
 * drains the bucket to it and holds the refill until Cal.com's window resets; a 429 or a {@code Retry-After} blocks
 * every call until the block is over ({@code Retry-After}, else {@code X-RateLimit-Reset-Default}, else 60 s).
 *
 * <p>Thread-safe; decisions take a lock for a few arithmetic operations and never wait under it.
 */
public final class RateBudget {
    /** Cal.com's default limit per API key (NOTES.md §6): the configured budget is read as a fraction of it. */
    static final int CALCOM_DEFAULT_LIMIT = 120;
    static final Duration WINDOW = Duration.ofSeconds(60);
    private static final double NANOS_PER_WINDOW = WINDOW.toNanos();

    /**
     * @param perMinute                most calls in any 60 s, against Cal.com's {@value #CALCOM_DEFAULT_LIMIT}
     * @param burst                    the bucket's capacity: calls that may go out at once; the rest of perMinute
     *                                 is the refill per minute
     * @param maxUserWait              longest a USER call waits for a token before it is refused
     * @param refreshReservePercent    REFRESH takes a token only while more than this share of capacity remains
     * @param backgroundReservePercent WARMING and VERIFICATION take one only while more than this share remains
     */
    public record Settings(int perMinute, int burst, Duration maxUserWait, int refreshReservePercent,
                           int backgroundReservePercent) {
        public Settings {
            Objects.requireNonNull(maxUserWait, "maxUserWait");
            if (burst < 1 || perMinute <= burst) {
                throw new IllegalArgumentException("rate limit per minute (" + perMinute
                        + ") must be more than the burst (" + burst + "), and the burst at least 1");
            }
            if (maxUserWait.isNegative()) {
                throw new IllegalArgumentException("the user wait must not be negative");
            }
            if (refreshReservePercent < 0 || backgroundReservePercent < refreshReservePercent
                    || backgroundReservePercent >= 100) {
                throw new IllegalArgumentException("reserves must satisfy 0 <= refresh <= background < 100, got "
                        + refreshReservePercent + " and " + backgroundReservePercent);
            }
        }

        public static Settings defaults() {
            return new Settings(100, 20, Duration.ofSeconds(2), 10, 30);
        }

        public Settings withPerMinute(int newPerMinute, int newBurst) {
            return new Settings(newPerMinute, newBurst, maxUserWait, refreshReservePercent, backgroundReservePercent);
        }

        public Settings withMaxUserWait(Duration wait) {
            return new Settings(perMinute, burst, wait, refreshReservePercent, backgroundReservePercent);
        }
    }

    /**
     * What the budget looks like now, for metrics.
     *
     * @param tokens       tokens in the bucket; negative while users wait for tokens they have reserved
     * @param capacity     the bucket's capacity (the burst, resized to Cal.com's real limit when it tells one)
     * @param perMinute    the most calls in any 60 s
     * @param calcomLimit  the limit Cal.com last told, if it did
     * @param blockedUntil while Cal.com blocks the key, when the block ends
     * @param callsMade    calls let through since start
     * @param refused      calls refused since start, per priority
     */
    public record Snapshot(double tokens, int capacity, int perMinute, OptionalInt calcomLimit,
                           Optional<Instant> blockedUntil, long callsMade, Map<Priority, Long> refused) {
    }

    /** The budget's answer to one call. */
    sealed interface Decision permits Granted, Refused {
    }

    /** Go ahead after {@code delay}; {@code sequence} numbers the calls let through, to read Cal.com's headers. */
    record Granted(Duration delay, long sequence) implements Decision {
    }

    /** Do not call; a token (or the end of a block) is {@code retryAfter} away. */
    record Refused(Duration retryAfter) implements Decision {
    }

    private final Settings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final EnumMap<Priority, Long> refused = new EnumMap<>(Priority.class);
    private int perMinute;
    private int capacity;
    private double tokensPerNano;
    private double tokens;
    private Instant lastRefill;
    private Instant refillHeldUntil = Instant.MIN;
    private Instant blockedUntil = Instant.MIN;
    private int calcomLimit = -1;
    private long issued;
    private long callsAbandoned;

    public RateBudget(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Priority p : Priority.values()) {
            refused.put(p, 0L);
        }
        size(settings.perMinute(), settings.burst());
        this.tokens = capacity;
        this.lastRefill = clock.instant();
    }

    Clock clock() {
        return clock;
    }

    /** Decides on one call; a grant takes (or reserves) its token at once. */
    Decision acquire(Priority priority) {
        lock.lock();
        try {
            Instant now = clock.instant();
            refill(now);
            if (now.isBefore(blockedUntil)) {
                return refuse(priority, Duration.between(now, blockedUntil));
            }
            if (priority == Priority.USER) {
                Duration wait = timeUntil(1, now);
                if (wait.compareTo(settings.maxUserWait()) > 0) {
                    return refuse(priority, wait);
                }
                return grant(wait);
            }
            double level = reserve(priority) + 1;
            if (tokens >= level) {
                return grant(Duration.ZERO);
            }
            return refuse(priority, timeUntil(level, now));
        } finally {
            lock.unlock();
        }
    }

    /** How long Cal.com still blocks the key, if it does: checked again after a USER call's wait. */
    Optional<Duration> blockedFor() {
        lock.lock();
        try {
            Instant now = clock.instant();
            return now.isBefore(blockedUntil) ? Optional.of(Duration.between(now, blockedUntil)) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** A granted call that was not made after all (blocked or interrupted while waiting): counted as refused. */
    void abandon(Granted permit, Priority priority) {
        lock.lock();
        try {
            refused.merge(priority, 1L, Long::sum);
            callsAbandoned++;
        } finally {
            lock.unlock();
        }
    }

    /** Learns from Cal.com's answer to a call this budget let through. */
    void observe(Granted permit, UpstreamResponse response) {
        lock.lock();
        try {
            Instant now = clock.instant();
            refill(now);
            intHeader(response, "x-ratelimit-limit-default")
                    .filter(limit -> limit > 0 && limit != calcomLimit)
                    .ifPresent(this::resizeTo);
            if (response.status() == 429 || response.header("retry-after").isPresent()) {
                Duration block = CalcomClient.retryAfter(response);
                Instant until = now.plus(block);
                blockedUntil = later(blockedUntil, until);
                refillHeldUntil = later(refillHeldUntil, until);
                tokens = Math.min(tokens, 0);
                return;
            }
            Optional<Integer> remaining = intHeader(response, "x-ratelimit-remaining-default");
            if (remaining.isPresent()) {
                // Calls we let out after this one may not have reached Cal.com when it counted: assume they had not.
                double effective = remaining.get() - (issued - permit.sequence());
                if (effective < tokens) {
                    tokens = effective;
                    long resetSeconds = intHeader(response, "x-ratelimit-reset-default").orElse((int) WINDOW.toSeconds());
                    refillHeldUntil = later(refillHeldUntil, now.plusSeconds(resetSeconds));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public Snapshot snapshot() {
        lock.lock();
        try {
            Instant now = clock.instant();
            refill(now);
            return new Snapshot(tokens, capacity, perMinute,
                    calcomLimit > 0 ? OptionalInt.of(calcomLimit) : OptionalInt.empty(),
                    now.isBefore(blockedUntil) ? Optional.of(blockedUntil) : Optional.empty(),
                    issued - callsAbandoned, Collections.unmodifiableMap(new EnumMap<>(refused)));
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- internals, all under the lock

    private Granted grant(Duration wait) {
        tokens -= 1;
        issued++;
        return new Granted(wait, issued);
    }

    private Refused refuse(Priority priority, Duration retryAfter) {
        refused.merge(priority, 1L, Long::sum);
        return new Refused(retryAfter);
    }

    /** Tokens a priority must leave in the bucket. */
    private double reserve(Priority priority) {
        return switch (priority) {
            case USER -> 0;
            case REFRESH -> capacity * settings.refreshReservePercent() / 100.0;
            case WARMING, VERIFICATION -> capacity * settings.backgroundReservePercent() / 100.0;
        };
    }

    private void refill(Instant now) {
        if (!now.isAfter(lastRefill)) {
            return;
        }
        Instant from = later(lastRefill, refillHeldUntil);
        if (now.isAfter(from)) {
            tokens = Math.min(capacity, tokens + Duration.between(from, now).toNanos() * tokensPerNano);
        }
        lastRefill = now;
    }

    /** How long until the bucket holds {@code level} tokens, if nothing else takes any. */
    private Duration timeUntil(double level, Instant now) {
        double deficit = level - tokens;
        if (deficit <= 1e-9) {
            return Duration.ZERO;
        }
        Instant start = later(now, refillHeldUntil);
        return Duration.between(now, start).plusNanos((long) Math.ceil(deficit / tokensPerNano));
    }

    /** Same fraction of Cal.com's real limit as the configured budget is of its default limit. */
    private void resizeTo(int limit) {
        calcomLimit = limit;
        int newPerMinute = Math.max(2, (int) Math.floor(limit * (double) settings.perMinute() / CALCOM_DEFAULT_LIMIT));
        int newBurst = (int) Math.round(settings.burst() * (double) newPerMinute / settings.perMinute());
        size(newPerMinute, Math.min(newPerMinute - 1, Math.max(1, newBurst)));
        tokens = Math.min(tokens, capacity);
    }

    private void size(int newPerMinute, int newCapacity) {
        perMinute = newPerMinute;
        capacity = newCapacity;
        tokensPerNano = (newPerMinute - newCapacity) / NANOS_PER_WINDOW;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Optional<Integer> intHeader(UpstreamResponse response, String name) {
        try {
            return response.header(name).map(String::trim).map(Integer::parseInt).filter(v -> v >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
