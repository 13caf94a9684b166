package io.slotgate.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.slotgate.calcom.FairShareLedger;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RateLedger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Cal.com key's ledger shared by every instance through Redis: a sorted set of calls scored by when they stop
 * counting, a block, and the instances spending the key (each with its last heartbeat). Every decision is one Lua
 * script, one round trip.
 *
 * <p>While this instance cannot reach Redis it spends a {@link FairShareLedger} share alone: the limit divided by the
 * instances seen lately, after the calls the shared set held when it was last read. The instances that still reach
 * Redis keep the share of every instance that went silent (no heartbeat for {@link #SILENT_AFTER}) for
 * {@link #MEMBER_TIMEOUT}, since a silent instance may be one that is cut off from Redis and spending its share; a
 * partition longer than that could overspend, which is written down in docs/architecture.md. When Redis is back, the
 * calls taken alone are added to the shared set before anything else is taken.
 */
final class RedisRateLedger implements RateLedger {
    /** An instance not heard of for this long may be cut off from Redis and spending its own share. */
    static final Duration SILENT_AFTER = Duration.ofSeconds(15);
    /** How long the others keep a silent instance's share for it. */
    static final Duration MEMBER_TIMEOUT = Duration.ofMinutes(10);

    private final RedisTier tier;
    private final String[] keys;
    private final String instance;
    private final AtomicLong seq = new AtomicLong();
    /**
     * Until Redis has said how many instances spend the key, assume two: a deployment that configured Redis means to
     * run several, and spending the whole limit alone could then get the key blocked.
     */
    private volatile int instancesSeen = 2;
    private volatile int usedSeen;
    private volatile Instant seenAt = Instant.MIN;
    private volatile Optional<Instant> blockSeen = Optional.empty();
    private volatile FairShareLedger alone;

    RedisRateLedger(RedisTier tier, String apiKeyOrNone, String instance) {
        this.tier = tier;
        String id = fingerprint(apiKeyOrNone);
        this.keys = new String[] {tier.keys().rateCalls(id), tier.keys().rateBlock(id), tier.keys().rateMembers(id)};
        this.instance = instance;
    }

    @Override
    public Take take(Instant now, Duration window, int limit, int reserve) {
        RateLedger own = aloneIfCutOff(now);
        if (own != null) {
            return own.take(now, window, limit, reserve);
        }
        try {
            List<?> r = (List<?>) tier.eval(Scripts.RATE_TAKE, ScriptOutputType.MULTI, keys,
                    Long.toString(now.toEpochMilli()), Long.toString(window.toMillis()), Integer.toString(limit),
                    Integer.toString(reserve), instance + ':' + seq.incrementAndGet(), instance,
                    Long.toString(SILENT_AFTER.toMillis()), Long.toString(MEMBER_TIMEOUT.toMillis()));
            boolean taken = (Long) r.get(0) == 1L;
            instancesSeen = Math.max(1, ((Long) r.get(2)).intValue());
            usedSeen = ((Long) r.get(3)).intValue();
            seenAt = now;
            long waitMs = (Long) r.get(1);
            if (!taken && waitMs > 0 && (Long) r.get(4) == 1L) {
                blockSeen = Optional.of(now.plusMillis(waitMs));
            }
            return taken ? Take.granted() : Take.refused(Duration.ofMillis(waitMs));
        } catch (RuntimeException e) {
            tier.absorbed("taking a call from the shared rate budget", e);
            return cutOff(now).take(now, window, limit, reserve);
        }
    }

    @Override
    public void hold(Instant now, int calls, Instant until) {
        RateLedger own = aloneIfCutOff(now);
        if (own != null) {
            own.hold(now, calls, until);
            return;
        }
        try {
            tier.eval(Scripts.RATE_HOLD, ScriptOutputType.INTEGER, new String[] {keys[0]},
                    Integer.toString(calls), Long.toString(until.toEpochMilli()), instance + ":hold:"
                            + seq.incrementAndGet());
        } catch (RuntimeException e) {
            tier.absorbed("holding calls in the shared rate budget", e);
            cutOff(now).hold(now, calls, until);
        }
    }

    @Override
    public void block(Instant until) {
        blockSeen = Optional.of(until);
        FairShareLedger own = alone;
        if (own != null) {
            own.block(until);
        }
        if (!tier.available()) {
            return;
        }
        try {
            tier.eval(Scripts.RATE_BLOCK, ScriptOutputType.INTEGER, new String[] {keys[1]},
                    Long.toString(until.toEpochMilli()));
        } catch (RuntimeException e) {
            tier.failed("blocking the shared rate budget", e);
        }
    }

    @Override
    public int used(Instant now) {
        return count(now, now);
    }

    @Override
    public int stillCounting(Instant now, Instant at) {
        return count(now, at);
    }

    private int count(Instant now, Instant at) {
        RateLedger own = aloneIfCutOff(now);
        if (own != null) {
            return own.stillCounting(now, at);
        }
        try {
            return ((Long) tier.eval(Scripts.RATE_COUNT, ScriptOutputType.INTEGER, new String[] {keys[0]},
                    Long.toString(now.toEpochMilli()), Long.toString(at.toEpochMilli()))).intValue();
        } catch (RuntimeException e) {
            tier.absorbed("reading the shared rate budget", e);
            return cutOff(now).stillCounting(now, at);
        }
    }

    @Override
    public Optional<Instant> blockedUntil(Instant now) {
        return blockSeen.filter(now::isBefore);
    }

    /** Tells the others this instance is alive and spending the key; called by the tier's health check. */
    void heartbeat(Instant now) {
        if (!tier.available()) {
            return;
        }
        try {
            tier.eval(Scripts.RATE_HEARTBEAT, ScriptOutputType.INTEGER, new String[] {keys[2]},
                    Long.toString(now.toEpochMilli()), instance, Long.toString(MEMBER_TIMEOUT.toMillis()));
        } catch (RuntimeException e) {
            tier.absorbed("sending the rate budget's heartbeat", e);
        }
    }

    /** On a clean shutdown: this instance's share is free for the others at once. */
    void leave() {
        if (!tier.available()) {
            return;
        }
        try {
            tier.sync().zrem(keys[2], instance);
        } catch (RuntimeException e) {
            tier.failed("leaving the shared rate budget", e);
        }
    }

    /** Instances the shared ledger last said spend the key. */
    public int instancesSeen() {
        return instancesSeen;
    }

    /** Whether this instance spends a share alone now (Redis unreachable). */
    public boolean alone() {
        return alone != null;
    }

    /**
     * The ledger to use alone while Redis cannot be trusted; null when the shared one is back, after the calls taken
     * alone have been added to it.
     */
    private RateLedger aloneIfCutOff(Instant now) {
        if (!tier.available()) {
            return cutOff(now);
        }
        FairShareLedger own = alone;
        if (own != null) {
            synchronized (this) {
                if (alone == own) {
                    alone = null;
                    int calls = own.ownCalls(now);
                    if (calls > 0) {
                        hold(now, calls, now.plus(RateBudget.WINDOW));
                    }
                }
            }
        }
        return null;
    }

    private synchronized FairShareLedger cutOff(Instant now) {
        if (alone == null) {
            // the calls the shared set held when last read still count, at the latest a window after that read
            Instant until = seenAt.equals(Instant.MIN) ? now : seenAt.plus(RateBudget.WINDOW);
            alone = new FairShareLedger(instancesSeen, seenAt.equals(Instant.MIN) ? 0 : usedSeen, until, now,
                    blockSeen);
        }
        return alone;
    }

    /** The Redis name of a key: a fingerprint, so that no API key is ever written to Redis. */
    static String fingerprint(String apiKeyOrNone) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKeyOrNone.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

}
