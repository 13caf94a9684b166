package io.slotgate.metrics;

import io.micrometer.core.instrument.Tags;
import io.slotgate.invalidation.InvalidationCounters;

/**
 * Which meter an {@link InvalidationCounters} name is exported as. Rows are tried in order: a row with a label takes
 * every name that starts with its key and puts the rest of the name in the label; a row without one takes its key
 * alone. The last row's key is empty, so a counter added later is exported too, under its own name.
 */
enum InvalidationMeter {
    INVALIDATIONS("invalidations:", "slotgate.invalidations", "cause",
            "Invalidation requests, by cause (webhook:{trigger}, slotgate-booking, slot-taken, admin...)"),
    WEBHOOKS("webhooks:", "slotgate.webhooks", "outcome",
            "Webhooks received, by outcome (accepted, duplicate, ignored, unauthorized...)"),
    STALENESS_INCIDENTS(InvalidationCounters.STALENESS_INCIDENTS, "slotgate.staleness.incidents", null,
            "Bookings through slotgate refused because the slot was taken: slotgate had offered it"),
    GENERATIONS_BUMPED(InvalidationCounters.GENERATIONS_BUMPED, "slotgate.generations.bumped", null,
            "(event type, day) generations incremented by invalidations"),
    FAILURES(InvalidationCounters.FAILURES, "slotgate.invalidation.failures", null,
            "Invalidations that failed (logged; the others went on)"),
    OTHER("", "slotgate.invalidation.events", "name", "Other invalidation counters, by name");

    private final String key;
    private final String meter;
    private final String label;
    private final String description;

    InvalidationMeter(String key, String meter, String label, String description) {
        this.key = key;
        this.meter = meter;
        this.label = label;
        this.description = description;
    }

    static InvalidationMeter of(String name) {
        for (InvalidationMeter row : values()) {
            if (row.matches(name)) {
                return row;
            }
        }
        throw new AssertionError("OTHER matches every name");
    }

    boolean matches(String name) {
        return label == null ? name.equals(key) : name.startsWith(key);
    }

    String meter() {
        return meter;
    }

    String description() {
        return description;
    }

    /** The tenant's tags, and the row's label if it has one, its value capped (values come from webhooks). */
    Tags tags(Tags tenant, String name, LabelCap cap) {
        return label == null ? tenant : tenant.and(label, cap.label(name.substring(key.length())));
    }
}
