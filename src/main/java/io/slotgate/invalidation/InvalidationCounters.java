package io.slotgate.invalidation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of one tenant's invalidation work, by name; Micrometer meters read them (io.slotgate.metrics), and
 * listeners hear of every count as it happens (the dashboard's per-minute invalidations).
 *
 * <ul>
 *   <li>{@code invalidations:{cause}}: invalidation requests by cause (a webhook's trigger, a booking through
 *       slotgate, a slot found taken, an admin);</li>
 *   <li>{@code generations-bumped}: (event type, day) generations incremented;</li>
 *   <li>{@code patches:{cause}}: (event type, day) changes patched into cached days at once, by cause;</li>
 *   <li>{@code invalidation-failures}: event types whose invalidation threw (logged, the rest went on);</li>
 *   <li>{@code webhooks:{outcome}}: webhooks by outcome (accepted, duplicate, ignored, unrecognised, unauthorized,
 *       malformed, oversized);</li>
 *   <li>{@code staleness-incidents}: bookings through slotgate refused because the slot was taken.</li>
 * </ul>
 */
public final class InvalidationCounters {
    public static final String GENERATIONS_BUMPED = "generations-bumped";
    public static final String FAILURES = "invalidation-failures";
    public static final String STALENESS_INCIDENTS = "staleness-incidents";

    /** Hears of every count: the counter's name and the amount added. Must be quick and must not throw. */
    @FunctionalInterface
    public interface Listener {
        void counted(String name, long amount);
    }

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Listener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public void increment(String name) {
        add(name, 1);
    }

    public void add(String name, long amount) {
        counts.computeIfAbsent(name, n -> new LongAdder()).add(amount);
        for (Listener listener : listeners) {
            listener.counted(name, amount);
        }
    }

    public long get(String name) {
        LongAdder adder = counts.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** The name of the count of days patched because of {@code cause}. */
    public static String patches(Cause cause) {
        return "patches:" + cause.label();
    }

    public void invalidation(Cause cause) {
        increment("invalidations:" + cause.label());
    }

    public long invalidations(Cause cause) {
        return get("invalidations:" + cause.label());
    }

    public void webhook(String outcome) {
        increment("webhooks:" + outcome);
    }

    public long webhooks(String outcome) {
        return get("webhooks:" + outcome);
    }

    public void stalenessIncident() {
        increment(STALENESS_INCIDENTS);
    }

    public long stalenessIncidents() {
        return get(STALENESS_INCIDENTS);
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }
}
