package io.slotgate.emulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One answer of the emulated Cal.com; {@code latency} is how long the real service would have taken. */
public record EmulatorResponse(int status, Map<String, String> headers, String body, Duration latency) {
    public EmulatorResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
        latency = latency == null ? Duration.ZERO : latency;
    }

    /** Case-insensitive header lookup, as HTTP header names are. */
    public Optional<String> header(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
