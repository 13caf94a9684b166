package io.slotgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Reads the slots out of a {@code GET /v2/slots} answer, to compare answers as sets or look for one slot. */
public final class SlotsBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlotsBodies() {
    }

    /** Whether a UTC answer (2024-09-04, no time zone) offers a slot starting at {@code start}. */
    public static boolean offers(HttpResponse<String> answer, Instant start) {
        return answer.body().contains("\"start\":\"" + start.toString().replace("Z", ".000Z") + "\"");
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
