package io.slotgate.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson configuration of the process. A configured {@link ObjectMapper} is thread-safe, so every class
 * shares this one instead of building its own; a use that needs a different feature asks for a reader or writer
 * ({@code MAPPER.writerWithDefaultPrettyPrinter()}) rather than a second mapper, so that the difference stays visible
 * where it is made.
 *
 * <p>The configuration is Jackson's defaults on purpose: the JSON slotgate writes is compared byte for byte with
 * Cal.com's, and every reader relies on the default strictness (unknown properties fail a bound type).
 */
public final class Jackson {
    /** Never reconfigure it after start: every class in the process reads and writes through it. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Jackson() {
    }
}
