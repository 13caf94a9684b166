package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.finder.FinderJson;
import io.slotgate.json.Jackson;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The JSON the tools write and read: slots in the caller's zone, Cal.com's bodies read leniently. */
final class ToolJson {
    static final ObjectMapper JSON = Jackson.MAPPER;

    private ToolJson() {
    }

    static ObjectNode slot(Slot slot, RequestedZone zone) {
        return FinderJson.slot(slot, zone);
    }

    static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    // a time Cal.com left out or wrote otherwise falls back to what was asked: the answer is still worth giving
    static Optional<Instant> instant(JsonNode node) {
        try {
            return node.isTextual() ? Optional.of(OffsetDateTime.parse(node.asText()).toInstant())
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // a body that is not JSON reads as missing, so callers fall back to the status line
    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
