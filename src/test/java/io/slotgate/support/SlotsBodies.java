package io.slotgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/** Reads the slots out of a {@code GET /v2/slots} answer, to compare answers as sets. */
public final class SlotsBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlotsBodies() {
    }

    /** Every slot's start as written in the answer (so its offset is part of it). */
    public static Set<String> starts(String body) {
        try {
            Set<String> starts = new TreeSet<>();
            JsonNode data = JSON.readTree(body).path("data");
            data.fields().forEachRemaining(day -> day.getValue().forEach(slot -> starts.add(slot.path("start").asText())));
            return starts;
        } catch (IOException e) {
            throw new IllegalStateException("not a slots answer: " + body, e);
        }
    }
}
