package io.slotgate.simulator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.json.Jackson;

import java.util.Optional;

/** The uid of a booking, read as JSON from Cal.com's answer to a booking call or from a webhook that announces it. */
final class BookingUids {
    private static final ObjectMapper JSON = Jackson.MAPPER;

    private BookingUids() {
    }

    /** The uid of a created booking: {@code data.uid}, or the first booking's for a recurring one ({@code data[]}). */
    static Optional<String> uidOf(String body) {
        try {
            JsonNode data = JSON.readTree(body).path("data");
            JsonNode booking = data.isArray() ? data.path(0) : data;
            return booking.path("uid").isTextual() ? Optional.of(booking.get("uid").asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The new booking a webhook tells of (created, or the new one of a reschedule); empty for any other webhook. */
    static Optional<String> announcedIn(byte[] webhook) {
        try {
            JsonNode root = JSON.readTree(webhook);
            String trigger = root.path("triggerEvent").asText();
            JsonNode uid = root.path("payload").path("uid");
            if ((trigger.equals("BOOKING_CREATED") || trigger.equals("BOOKING_RESCHEDULED")) && uid.isTextual()) {
                return Optional.of(uid.asText());
            }
        } catch (java.io.IOException e) {
            // not a webhook the emulator sends; slotgate's intake judges it on its own
        }
        return Optional.empty();
    }
}
