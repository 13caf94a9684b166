package io.slotgate.policy;

/**
 * What a booking webhook invalidates: every event type of the booking's hosts (slotgate), only the booked event type
 * (the seed's hybrid phase), or nothing (TTL only).
 */
public enum InvalidationScope {
    HOST_AWARE, EVENT_TYPE, NONE
}
