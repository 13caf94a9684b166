package io.slotgate.emulator;

/**
 * How an event type's hosts combine (NOTES §4): individual = its single host; round robin = a slot is offered when
 * any host is free (union); collective = only when all hosts are free (intersection).
 */
public enum SchedulingType {
    INDIVIDUAL, ROUND_ROBIN, COLLECTIVE;

    /** The value of {@code schedulingType} in EventTypeOutput_2024_06_14; null for user (individual) event types. */
    String wireName() {
        return switch (this) {
            case INDIVIDUAL -> null;
            case ROUND_ROBIN -> "roundRobin";
            case COLLECTIVE -> "collective";
        };
    }

    boolean isTeam() {
        return this != INDIVIDUAL;
    }
}
