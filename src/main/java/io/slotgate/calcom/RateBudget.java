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
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
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
    /** How often a waiting user looks again whether it may go (the ledger may be shared with other instances). */
    private static final Duration POLL = Duration.ofMillis(25);

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

    private final Settings settings;
    private final Clock clock;
    private final RateLedger ledger;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<Waiter> line = new TreeSet<>();
    private final AtomicLong seq = new AtomicLong();
    private final EnumMap<Priority, Long> refused = new EnumMap<>(Priority.class);
    private final EnumMap<Priority, Long> granted = new EnumMap<>(Priority.class);
    private final ClientShares shares = new ClientShares();
    private volatile int limit;
    private volatile int calcomLimit = -1;
    private long issued;
    private long abandoned;

    public RateBudget(Settings settings, Clock clock) {
        this(settings, clock, RateLedger.local());
    }

    public RateBudget(Settings settings, Clock clock, RateLedger ledger) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.limit = settings.limit();
        for (Priority p : Priority.values()) {
            refused.put(p, 0L);
            granted.put(p, 0L);
        }
    }

    Clock clock() {
        return clock;
    }

    public Settings settings() {
        return settings;
    }

    /** Calls we make in any window now (the configured limit, or Cal.com's own, less the margin). */
    public int capacity() {
        return limit - settings.margin();
    }

    /**
     * Decides on one call. A USER call may wait, through {@code sleeper}, for at most {@code patience} (counted in
     * the time it slept, so a test clock that does not move cannot make it wait forever); no other priority waits.
     */
    Decision acquire(Priority priority, Duration patience, Sleeper sleeper) throws InterruptedException {
        if (priority != Priority.USER) {
            return once(priority);
        }
        // a client past its share queues behind everyone else's misses, and only takes a call while the window keeps
        // the over-share reserve for the others: so it is refused first when calls are scarce
        java.util.Set<String> clients = Callers.current();
        int misses = shares.misses(clients, clock.instant(), WINDOW);
        boolean overShare = !clients.isEmpty() && misses >= clientShare();
        if (overShare) {
            shares.held(clients, clock.instant());
        }
        // every miss a client asks for counts against its share, whether a call comes for it or not
        shares.charge(clients, clock.instant());
        // the reserve is for clients within their share: while none of them is about, it is lent to the held ones (a
        // lone heavy client, many users behind one proxy, gets the whole budget when nobody else wants it)
        int keep = overShare && shares.othersWithinShare(clients, clock.instant(), WINDOW, clientShare())
                ? overShareReserve() : 0;
        Waiter me = new Waiter(priority, overShare, misses, seq.getAndIncrement());
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
                RateLedger.Take take = ledger.take(clock.instant(), WINDOW, capacity(), ahead + keep);
                if (!first && !take.taken()) {
                    take = RateLedger.Take.refused(POLL);
                }
                if (take.taken()) {
                    return grant(priority);
                }
                Duration left = patience.minus(slept);
                // the first in line knows when the ledger expects room: no use waiting for what comes too late
                if (!left.isPositive() || first && take.retryIn().compareTo(left) > 0) {
                    return refuse(priority, expectedWait(me, take.retryIn()));
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

    /** The most misses one client asks for in a window before they are held behind everyone else's. */
    public int clientShare() {
        return Math.max(1, (int) Math.ceil(capacity() * settings.clientSharePercent() / 100.0));
    }

    private int overShareReserve() {
        return (int) Math.ceil(capacity() * settings.overShareReservePercent() / 100.0);
    }

    /** The fair shares' figures: clients held, and who took the most of the window. */
    public ClientShares shares() {
        return shares;
    }

    /** One try at once, whatever the priority: what a call that cannot wait asks. */
    Decision acquireNow(Priority priority) {
        try {
            return acquire(priority, Duration.ZERO, d -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(priority, Duration.ZERO);
        }
    }

    /** One try, for a priority that never waits. */
    private Decision once(Priority priority) {
        if (usersWaiting() > 0) {
            return refuse(priority, RateLedger.Take.refused(POLL).retryIn());
        }
        RateLedger.Take take = ledger.take(clock.instant(), WINDOW, capacity(), reserve(priority));
        return take.taken() ? grant(priority) : refuse(priority, take.retryIn());
    }

    /** When a call for a new USER could go: after every waiting user has had one. */
    public Duration expectedUserWait() {
        Instant now = clock.instant();
        Optional<Instant> blocked = ledger.blockedUntil(now);
        if (blocked.isPresent()) {
            return Duration.between(now, blocked.get());
        }
        int ahead = usersWaiting();
        int used = ledger.used(now);
        if (used + ahead < capacity()) {
            return Duration.ZERO;
        }
        // the calls that must stop counting before ours: those above what the window holds, plus one per user ahead
        return untilFree(now, used + ahead - capacity() + 1);
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
        return max(retryIn, untilFree(now, ledger.used(now) + ahead - capacity() + 1));
    }

    /** How long until {@code calls} of the entries counting now have stopped counting (approximate, for Retry-After). */
    private Duration untilFree(Instant now, int calls) {
        if (calls <= 0) {
            return Duration.ZERO;
        }
        // entries expire at most one window after now; search the earliest instant at which enough have
        long lo = 0;
        long hi = WINDOW.toMillis();
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

    private int usersWaiting() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    /** A granted call that was not made after all: counted as refused. */
    void abandon(Granted permit, Priority priority) {
        lock.lock();
        try {
            refused.merge(priority, 1L, Long::sum);
            granted.merge(priority, -1L, Long::sum);
            abandoned++;
        } finally {
            lock.unlock();
        }
    }

    /** How long Cal.com still blocks the key, if it does. */
    Optional<Duration> blockedFor() {
        Instant now = clock.instant();
        return ledger.blockedUntil(now).map(until -> Duration.between(now, until));
    }

    /** Learns from Cal.com's answer to a call this budget let through. */
    void observe(Granted permit, UpstreamResponse response) {
        Instant now = clock.instant();
        intHeader(response, "x-ratelimit-limit-default")
                .filter(l -> l > settings.margin() + 1 && l != calcomLimit)
                .ifPresent(l -> {
                    calcomLimit = l;
                    limit = l;
                });
        Optional<Integer> reset = intHeader(response, "x-ratelimit-reset-default");
        if (response.status() == 429 || response.header("retry-after").isPresent()) {
            ledger.block(now.plus(CalcomClient.retryAfter(response)));
            return;
        }
        Optional<Integer> remaining = intHeader(response, "x-ratelimit-remaining-default");
        if (remaining.isPresent() && reset.isPresent()) {
            Instant windowEnd = now.plusSeconds(reset.get());
            int calcomUsed = limit - remaining.get();
            // what Cal.com counted in its window that our ledger does not: calls someone else made with the key. Ours
            // are the entries taken from SKEW before the window began (each counts WINDOW from when it was taken: a
            // call is taken before it travels, so one taken a moment before the window may have arrived in it), and
            // what earlier answers already added (those count until the window's end and its skew)
            int ours = ledger.stillCounting(now, windowEnd.minusMillis(1));
            int unexplained = calcomUsed - ours;
            if (unexplained > 0) {
                ledger.hold(now, unexplained, windowEnd.plus(SKEW));
            }
        }
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        lock.lock();
        try {
            return new Snapshot(Math.max(0, capacity() - ledger.used(now)), capacity(), line.size(),
                    calcomLimit > 0 ? OptionalInt.of(calcomLimit) : OptionalInt.empty(), ledger.blockedUntil(now),
                    issued - abandoned, Collections.unmodifiableMap(new EnumMap<>(refused)),
                    Collections.unmodifiableMap(new EnumMap<>(granted)));
        } finally {
            lock.unlock();
        }
    }

    private Granted grant(Priority priority) {
        lock.lock();
        try {
            granted.merge(priority, 1L, Long::sum);
            issued++;
            return new Granted(issued);
        } finally {
            lock.unlock();
        }
    }

    private Refused refuse(Priority priority, Duration retryAfter) {
        lock.lock();
        try {
            refused.merge(priority, 1L, Long::sum);
        } finally {
            lock.unlock();
        }
        return new Refused(retryAfter);
    }

    /** Calls a priority must leave free in the window. */
    private int reserve(Priority priority) {
        return switch (priority) {
            case USER -> 0;
            // the refetch of a changed copy comes right after users: half the refresh reserve is still theirs
            case REFETCH -> (int) Math.ceil(capacity() * settings.refreshReservePercent() / 200.0);
            case REFRESH -> (int) Math.ceil(capacity() * settings.refreshReservePercent() / 100.0);
            case WARMING, VERIFICATION -> (int) Math.ceil(capacity() * settings.backgroundReservePercent() / 100.0);
            // a reader who already has a safe answer asks for the exact one only while most of the window is free
            case EXACT -> (int) Math.ceil(capacity() * EXACT_RESERVE_PERCENT / 100.0);
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Optional<Integer> intHeader(UpstreamResponse response, String name) {
        try {
            return response.header(name).map(String::trim).map(Integer::parseInt).filter(v -> v >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
