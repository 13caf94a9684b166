package io.slotgate.policy;

import io.slotgate.cache.FillSpan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in profiles: the seed guide's three policies, reproduced exactly as baselines, and slotgate's own.
 * Each seed profile keys by exact query, serves nothing stale, and caches finder answers on their own.
 */
public final class PolicyProfiles {
    public static final String SEED_BEFORE = "seed-before";
    public static final String SEED_PHASE1 = "seed-phase1";
    public static final String SEED_HYBRID = "seed-hybrid";
    public static final String SLOTGATE = "slotgate";

    private PolicyProfiles() {
    }

    public static Map<String, PolicyProfile> builtIn() {
        Map<String, PolicyProfile> all = new LinkedHashMap<>();
        all.put(SEED_BEFORE, seed(SEED_BEFORE, InvalidationScope.NONE, 300, 60, 45));
        all.put(SEED_PHASE1, seed(SEED_PHASE1, InvalidationScope.NONE, 60, 30, 60));
        all.put(SEED_HYBRID, seed(SEED_HYBRID, InvalidationScope.EVENT_TYPE, 60, 30, 60));
        all.put(SLOTGATE, slotgate());
        return all;
    }

    public static Optional<PolicyProfile> named(String name) {
        return Optional.ofNullable(builtIn().get(name));
    }

    /** The seed's CalcomService TTLs (slots, empty) and SmartAppointmentFinder TTL, keyed by exact query. */
    private static PolicyProfile seed(String name, InvalidationScope invalidation, int slotsSeconds, int emptySeconds,
                                      int finderSeconds) {
        Duration slots = Duration.ofSeconds(slotsSeconds);
        return new PolicyProfile(name, KeyMode.EXACT_QUERY, invalidation, slots, slots, slots, 0,
                Duration.ofSeconds(emptySeconds), Duration.ZERO, 0, 1.0, Duration.ZERO, 1.0,
                0, false, 0, 0, Duration.ZERO, Duration.ofSeconds(finderSeconds), FillSpan.asked(), false,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * slotgate's default, tuned with the simulator on the seed workload (docs/simulation.md). Webhooks carry bookings,
     * so TTLs only bound what nothing signals (external calendars, lost webhooks). The warmer keeps the next 14 days of
     * the 20 most-asked event types fresh, one Cal.com call per event type per refresh (a call costs the rate budget
     * the same for one day or fourteen); the next 7 days are refreshed every 150 s, later days every 300 s, which
     * spends half the calls of the seed's phase 1. Stale buckets are served for up to 10 minutes past their window
     * while one refresh runs, so users never wait on a refresh; a busy event type (2 bookings in the last hour), or a
     * silent webhook feed (none for 2 hours, or failing signatures), halves its windows. A call fetches what its readers ask
     * next (the next 16 days together, a far day with its calendar month and the five after); a booking's webhook takes its time out of the cached
     * days at once, and a copy that could only be patched conservatively is served as stale for at most 60 s. An
     * event type's background calls come at most every 10 s, so the refetches of a booking rush share calls, and an
     * exact patch is confirmed by a refetch a minute after it; calls asked only to show slots a change may have freed
     * (cancellations, released holds, confirmations) come at most every 30 s: meanwhile the copy served may leave a
     * freed slot out, never offers a taken one.
     */
    private static PolicyProfile slotgate() {
        return new PolicyProfile(SLOTGATE, KeyMode.DAY_BUCKETS, InvalidationScope.HOST_AWARE,
                Duration.ofSeconds(150), Duration.ofSeconds(150), Duration.ofSeconds(300), 6,
                null, Duration.ofMinutes(10), 2.0, 0.5, Duration.ofHours(2), 0.5,
                1.0, true, 20, 14, Duration.ofSeconds(5), null, FillSpan.defaults(), true, Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));
    }
}
