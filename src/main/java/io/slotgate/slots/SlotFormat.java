package io.slotgate.slots;

import java.util.Locale;
import java.util.Optional;

/** Cal.com's {@code format} query parameter: {@code time} (start only, the default) or {@code range} (start and end). */
public enum SlotFormat {
    TIME, RANGE;

    /** Case-insensitive, as Cal.com's pipe reads it; empty when the value is neither. */
    public static Optional<SlotFormat> parse(String value) {
        if (value == null) {
            return Optional.of(TIME);
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "time" -> Optional.of(TIME);
            case "range" -> Optional.of(RANGE);
            default -> Optional.empty();
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
