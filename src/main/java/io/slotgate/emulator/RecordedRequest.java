package io.slotgate.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A request the emulator answered, kept so tests can count upstream calls and inspect their parameters. */
public record RecordedRequest(Instant at, String method, String path, Map<String, List<String>> query, int status) {
    public RecordedRequest {
        query = Map.copyOf(query);
    }
}
