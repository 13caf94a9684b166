package io.slotgate.emulator;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Knobs of the emulator. Rate-limit defaults are Cal.com's (NOTES §6): 120 requests per 60 s window, then blocked for
 * 60 s. The slots result cache is Cal.com's too ({@code withSlotsCache} in util.ts, NOTES §7): an answer is reused for
 * an identical query for {@code SLOTS_CACHE_TTL}, 2000 ms by default; {@link #withoutSlotsCache()} turns it off.
 *
 * @param randomSeed     seeds latency sampling and generated uids, so runs are reproducible
 * @param slotsCacheTtl  how long a computed slots answer is reused for an identical query; zero: no cache
 * @param alignmentZone  the zone slot starts are lined up with the hour in; null (the default) means the requested
 *                       {@code timeZone} (UTC without one), as Cal.com does. A fixed zone is not Cal.com: see
 *                       {@link #withAlignmentZone}
 * @param anchoring      where slot runs start; {@link SlotAnchoring#CALCOM} unless a test pins a divergence
 */
public record EmulatorSettings(int rateLimitPerWindow, Duration rateWindow, Duration blockDuration,
                               LatencyModel latency, Set<String> apiKeys, long randomSeed, Duration slotsCacheTtl,
                               ZoneId alignmentZone, SlotAnchoring anchoring) {
    public static final String DEMO_API_KEY = "cal_live_slotgate_demo";
    /** Cal.com's {@code DEFAULT_SLOTS_CACHE_TTL}. */
    public static final Duration DEFAULT_SLOTS_CACHE_TTL = Duration.ofMillis(2000);

    public EmulatorSettings {
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(blockDuration, "blockDuration");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(slotsCacheTtl, "slotsCacheTtl");
        Objects.requireNonNull(anchoring, "anchoring");
        apiKeys = Set.copyOf(apiKeys);
        if (rateLimitPerWindow <= 0 || rateWindow.isZero() || rateWindow.isNegative() || blockDuration.isNegative()) {
            throw new IllegalArgumentException("rate limit, window and block duration must be positive");
        }
        if (slotsCacheTtl.isNegative()) {
            throw new IllegalArgumentException("slotsCacheTtl must not be negative");
        }
    }

    /** The settings of earlier versions; the slots knobs take Cal.com's defaults. */
    public EmulatorSettings(int rateLimitPerWindow, Duration rateWindow, Duration blockDuration, LatencyModel latency,
                            Set<String> apiKeys, long randomSeed) {
        this(rateLimitPerWindow, rateWindow, blockDuration, latency, apiKeys, randomSeed, DEFAULT_SLOTS_CACHE_TTL,
                null, SlotAnchoring.CALCOM);
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(120, Duration.ofSeconds(60), Duration.ofSeconds(60),
                LatencyModel.uniform(Duration.ofMillis(300), Duration.ofMillis(800)), Set.of(DEMO_API_KEY), 42L);
    }

    public EmulatorSettings withLatency(LatencyModel l) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, l, apiKeys, randomSeed,
                slotsCacheTtl, alignmentZone, anchoring);
    }

    public EmulatorSettings withRateLimit(int perWindow) {
        return new EmulatorSettings(perWindow, rateWindow, blockDuration, latency, apiKeys, randomSeed,
                slotsCacheTtl, alignmentZone, anchoring);
    }

    public EmulatorSettings withApiKeys(Set<String> keys) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, latency, keys, randomSeed,
                slotsCacheTtl, alignmentZone, anchoring);
    }

    public EmulatorSettings withRateWindow(Duration window, Duration block) {
        return new EmulatorSettings(rateLimitPerWindow, window, block, latency, apiKeys, randomSeed,
                slotsCacheTtl, alignmentZone, anchoring);
    }

    public EmulatorSettings withRandomSeed(long seed) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, latency, apiKeys, seed,
                slotsCacheTtl, alignmentZone, anchoring);
    }

    /** Cal.com's {@code SLOTS_CACHE_TTL}: how long an answer is reused for an identical slots query. */
    public EmulatorSettings withSlotsCacheTtl(Duration ttl) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, latency, apiKeys, randomSeed,
                ttl, alignmentZone, anchoring);
    }

    /** No slots result cache: every query is computed afresh (as when Cal.com's Redis is unreachable). */
    public EmulatorSettings withoutSlotsCache() {
        return withSlotsCacheTtl(Duration.ZERO);
    }

    public boolean cachesSlots() {
        return slotsCacheTtl.isPositive();
    }

    /**
     * Lines slot starts up with the hour in {@code zone} whatever zone the query asks for. NOT Cal.com, which aligns
     * in the requested zone (so a 60-minute event type asked in Asia/Kolkata gets starts at :30 UTC); for tests that
     * pin that divergence. {@code null} restores Cal.com's behaviour.
     */
    public EmulatorSettings withAlignmentZone(ZoneId zone) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, latency, apiKeys, randomSeed,
                slotsCacheTtl, zone, anchoring);
    }

    public EmulatorSettings withAnchoring(SlotAnchoring a) {
        return new EmulatorSettings(rateLimitPerWindow, rateWindow, blockDuration, latency, apiKeys, randomSeed,
                slotsCacheTtl, alignmentZone, a);
    }

    /**
     * NOT Cal.com: slots as UTC day buckets filtered at serve time reproduce them (aligned in UTC for every zone,
     * each UTC day laid out on its own, the window and the notice only filtering). For tests that pin those
     * divergences of slotgate; see docs/calcom-slots.md.
     */
    public EmulatorSettings withUtcDayGrid() {
        return withAlignmentZone(java.time.ZoneOffset.UTC).withAnchoring(SlotAnchoring.WHOLE_UTC_DAYS);
    }
}
