package io.slotgate.calcom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate budget of one Cal.com API key: who may make the next call, by {@link Priority}, over a {@link RateLedger}
 * that counts the key's calls (in this process, or in Redis for every instance at once).
 *
 * <h2>What Cal.com allows, and what we spend</h2>
 * Cal.com lets a key make {@code X-RateLimit-Limit-Default} calls (120 by default) in a fixed 60 s window that starts
 * at the window's first call, then blocks the key for 60 s (NOTES.md §6). A window of Cal.com holds the calls that
 * <em>arrive</em> in it, which we sent over a slightly longer span (latency jitter). So the budget promises at most
 * {@code limit - margin} calls in any {@link #WINDOW} (60 s plus {@link #SKEW}, the most that arrival jitter and clock
 * differences move a call), a sliding window: any 60 s window of Cal.com then holds at most that many. The margin (4 by
 * default) absorbs what we cannot see, such as a call that timed out here after reaching Cal.com.
 *
 * <h2>Priorities</h2>
 * A USER call (a reader waits) takes a call at once when the window has room, and otherwise waits in line, first come
 * first served, for at most its patience (the reader's remaining wait, {@link Settings#maxUserWait()} by default); then
 * it is refused with the time a call is expected. Nothing else ever waits, or takes a call while a user waits:
 * REFETCH (a changed copy is being served) takes one while more than half the refresh reserve is free; REFRESH only
 * while more than
 * {@link Settings#refreshReservePercent()} of the window stays free; WARMING and VERIFICATION only while more than
 * {@link Settings#backgroundReservePercent()} does.
 *
 * <h2>Cal.com's answers</h2>
 * {@code X-RateLimit-Limit-Default} resizes the budget ({@code limit - margin}); an {@code X-RateLimit-Remaining-Default}
 * lower than the ledger explains (someone else uses the key) is added to the ledger as calls counting until
 * Cal.com's {@code X-RateLimit-Reset-Default}; a 429 or any {@code Retry-After} blocks the key for every instance until
 * Cal.com's block is over.
 *
 * <h2>Behind this front</h2>
 * {@link WaitingUsers} (the line and its expected waits), {@link PriorityReserves}, {@link FairShareGate} (over
 * {@link ClientShares}), {@link CalcomRateHeaders} and {@link BudgetTally} (the decisions counted).
 */
public final class RateBudget {
    /** Cal.com's default limit per API key (NOTES.md §6). */
    public static final int CALCOM_DEFAULT_LIMIT = 120;
    /** Cal.com's window. */
    static final Duration CALCOM_WINDOW = Duration.ofSeconds(60);
    /** How far arrival jitter and clock differences can move a call relative to the moment we counted it. */
    static final Duration SKEW = Duration.ofSeconds(2);
    /** What one of our calls counts for: any Cal.com window is covered by one such span. */
    public static final Duration WINDOW = CALCOM_WINDOW.plus(SKEW);
    /**
     * The share of the window an exact answer for a reader who has a safe one leaves free. Such a call serves one
     * reader (its answer is not kept), where a fill serves every reader of its days: in a booking rush with two
     * instances, at half the window, they were one call in ten; they are for quiet windows.
     */
    static final int EXACT_RESERVE_PERCENT = 75;

    /**
     * @param limit                    Cal.com's limit for the key per 60 s (120 unless Cal.com raised it)
     * @param margin                   calls per window held back from the limit
     * @param maxUserWait              longest a USER call waits by default
     * @param refreshReservePercent    REFRESH takes a call only while more than this share of the window is free
     * @param backgroundReservePercent WARMING and VERIFICATION only while more than this share is free
     * @param clientSharePercent       the share of the window's calls one client's misses may take before they are
     *                                 held behind everyone else's
     * @param overShareReservePercent  a client past its share takes a call only while more than this share of the
     *                                 window is free (the rest is kept for clients within theirs)
     */
    public record Settings(int limit, int margin, Duration maxUserWait, int refreshReservePercent,
                           int backgroundReservePercent, int clientSharePercent, int overShareReservePercent) {
        /**
         * The default fair shares: a client's misses may ask for 25 % of the window before it is held, and 30 % of it
         * is kept for clients within their share (at least one whole share: a light client always finds its own).
         */
        public static final int DEFAULT_CLIENT_SHARE_PERCENT = 25;
        public static final int DEFAULT_OVER_SHARE_RESERVE_PERCENT = 30;

        public Settings(int limit, int margin, Duration maxUserWait, int refreshReservePercent,
                        int backgroundReservePercent) {
            this(limit, margin, maxUserWait, refreshReservePercent, backgroundReservePercent,
                    DEFAULT_CLIENT_SHARE_PERCENT, DEFAULT_OVER_SHARE_RESERVE_PERCENT);
        }

        public Settings {
            if (clientSharePercent < 1 || clientSharePercent > 100) {
                throw new IllegalArgumentException("the client share must be 1-100 %, got " + clientSharePercent);
            }
            if (overShareReservePercent < 0 || overShareReservePercent >= 100) {
                throw new IllegalArgumentException("the over-share reserve must be 0-99 %, got "
                        + overShareReservePercent);
            }
            Objects.requireNonNull(maxUserWait, "maxUserWait");
            if (limit < 2 || margin < 0 || margin >= limit) {
                throw new IllegalArgumentException("the rate limit (" + limit + ") must be at least 2 and the margin ("
                        + margin + ") between 0 and the limit");
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
            return new Settings(CALCOM_DEFAULT_LIMIT, 4, Duration.ofSeconds(2), 10, 30);
        }

        public Settings withLimit(int newLimit, int newMargin) {
            return new Settings(newLimit, newMargin, maxUserWait, refreshReservePercent, backgroundReservePercent,
                    clientSharePercent, overShareReservePercent);
        }

        public Settings withMaxUserWait(Duration wait) {
            return new Settings(limit, margin, wait, refreshReservePercent, backgroundReservePercent,
                    clientSharePercent, overShareReservePercent);
        }

        public Settings withClientShare(int sharePercent, int reservePercent) {
            return new Settings(limit, margin, maxUserWait, refreshReservePercent, backgroundReservePercent,
                    sharePercent, reservePercent);
        }

        /** Calls we may make in any {@link #WINDOW}. */
        public int perWindow() {
            return limit - margin;
        }
    }

    /**
     * What the budget looks like now, for metrics.
     *
     * @param free         calls the window has room for now
     * @param capacity     calls the budget makes in any window
     * @param waiting      users waiting for a call
     * @param calcomLimit  the limit Cal.com last told, if it did
     * @param blockedUntil while Cal.com blocks the key, when the block ends
     * @param callsMade    calls let through since start, by this process
     * @param refused      calls refused since start, per priority
     */
    public record Snapshot(int free, int capacity, int waiting, OptionalInt calcomLimit,
                           Optional<Instant> blockedUntil, long callsMade, Map<Priority, Long> refused,
                           Map<Priority, Long> granted) {
    }

    /** The budget's answer to one call. */
    sealed interface Decision permits Granted, Refused {
    }

    /** Go ahead; {@code sequence} numbers the calls let through, to read Cal.com's headers. */
    record Granted(long sequence) implements Decision {
    }

    /** Do not call; a call is expected to be possible in {@code retryAfter}. */
    record Refused(Duration retryAfter) implements Decision {
    }

    private final Settings settings;
    private final Clock clock;
    private final RateLedger ledger;
    private final ReentrantLock lock = new ReentrantLock();
    private final BudgetTally tally = new BudgetTally(lock);
    private final CalcomRateHeaders headers;
    private final PriorityReserves reserves;
    private final FairShareGate fairShares;
    private final WaitingUsers waiting;

    public RateBudget(Settings settings, Clock clock) {
        this(settings, clock, RateLedger.local());
    }

    public RateBudget(Settings settings, Clock clock, RateLedger ledger) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.headers = new CalcomRateHeaders(settings.limit(), settings.margin(), ledger);
        this.reserves = new PriorityReserves(settings, this::capacity);
        this.fairShares = new FairShareGate(clock, reserves);
        this.waiting = new WaitingUsers(clock, ledger, lock, this::capacity, tally);
    }

    Clock clock() {
        return clock;
    }

    public Settings settings() {
        return settings;
    }

    /** Calls we make in any window now (the configured limit, or Cal.com's own, less the margin). */
    public int capacity() {
        return headers.limit() - settings.margin();
    }

    /**
     * Decides on one call. A USER call may wait, through {@code sleeper}, for at most {@code patience} (counted in
     * the time it slept, so a test clock that does not move cannot make it wait forever); no other priority waits.
     */
    Decision acquire(Priority priority, Duration patience, Sleeper sleeper) throws InterruptedException {
        if (priority != Priority.USER) {
            return once(priority);
        }
        return waiting.await(priority, fairShares.stand(), patience, sleeper);
    }

    /** The most misses one client asks for in a window before they are held behind everyone else's. */
    public int clientShare() {
        return reserves.clientShare();
    }

    /** The fair shares' figures: clients held, and who took the most of the window. */
    public ClientShares shares() {
        return fairShares.shares();
    }

    /** One try at once, whatever the priority: what a call that cannot wait asks. */
    Decision acquireNow(Priority priority) {
        try {
            return acquire(priority, Duration.ZERO, d -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tally.refuse(priority, Duration.ZERO);
        }
    }

    /** One try, for a priority that never waits. */
    private Decision once(Priority priority) {
        if (waiting.size() > 0) {
            return tally.refuse(priority, RateLedger.Take.refused(WaitingUsers.POLL).retryIn());
        }
        RateLedger.Take take = ledger.take(clock.instant(), WINDOW, capacity(), reserves.reserve(priority));
        return take.taken() ? tally.grant(priority) : tally.refuse(priority, take.retryIn());
    }

    /** When a call for a new USER could go: after every waiting user has had one. */
    public Duration expectedUserWait() {
        return waiting.expectedUserWait();
    }

    /** A granted call that was not made after all: counted as refused. */
    void abandon(Granted permit, Priority priority) {
        tally.abandon(priority);
    }

    /** How long Cal.com still blocks the key, if it does. */
    Optional<Duration> blockedFor() {
        Instant now = clock.instant();
        return ledger.blockedUntil(now).map(until -> Duration.between(now, until));
    }

    /** Learns from Cal.com's answer to a call this budget let through. */
    void observe(Granted permit, UpstreamResponse response) {
        headers.observe(response, clock.instant());
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        lock.lock();
        try {
            OptionalInt calcomLimit = headers.calcomLimit();
            Map<Priority, Long> refused = tally.refused();
            return new Snapshot(Math.max(0, capacity() - ledger.used(now)), capacity(), waiting.size(),
                    calcomLimit, ledger.blockedUntil(now), tally.callsMade(), refused, tally.granted());
        } finally {
            lock.unlock();
        }
    }
}
