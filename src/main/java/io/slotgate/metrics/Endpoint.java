package io.slotgate.metrics;

/** slotgate's own endpoints as metrics name them (the {@code endpoint} label). */
public enum Endpoint {
    SLOTS("slots", true),
    /** {@code GET /v2/slots/available}, Cal.com's 2024-04-15 slots route. */
    SLOTS_AVAILABLE("slots_available", true),
    FINDER_NEXT("finder_next", true),
    FINDER_WINDOW("finder_window", true),
    FINDER_ALTERNATIVES("finder_alternatives", true),
    /** Bookings, their cancel and reschedule, and slot reservations: the calls that change availability. */
    BOOKINGS("bookings", false),
    WEBHOOK("webhook", false),
    PASSTHROUGH("passthrough", false);

    private final String label;
    private final boolean perEventType;

    Endpoint(String label, boolean perEventType) {
        this.label = label;
        this.perEventType = perEventType;
    }

    public String label() {
        return label;
    }

    /** Whether requests to it are also counted per event type (slots and finder only: bounded cardinality). */
    public boolean perEventType() {
        return perEventType;
    }
}
