package io.slotgate.invalidation;

/**
 * Remembers which webhooks were already acted on, for a while, so a redelivery is acknowledged as a duplicate. In one
 * process an in-memory set with a TTL; across instances a shared store ({@code SET NX EX} in Redis).
 */
interface SeenWebhooks {
    /** Records {@code key}; true if it was not seen within the retention time (the caller acts), false otherwise. */
    boolean firstSighting(String key);
}
