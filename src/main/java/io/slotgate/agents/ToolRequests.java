package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.UpstreamRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The tools' own calls to Cal.com: the tenant's API key is added by the client's bearer interceptor. */
final class ToolRequests {
    static final String BOOKINGS_VERSION = CalcomClient.BOOKINGS_VERSION;
    static final String SLOTS_VERSION = CalcomClient.SLOTS_VERSION;

    private ToolRequests() {
    }

    static UpstreamRequest request(String method, String path, String version, JsonNode body) {
        Map<String, String> headers = body == null ? Map.of("cal-api-version", version)
                : Map.of("cal-api-version", version, "content-type", "application/json");
        return new UpstreamRequest(method, path, headers, body == null ? "" : body.toString(), Priority.USER, false);
    }

    /** Lets a hold go: asked by release_hold, and by book_slot once the booking keeps the slot. */
    static UpstreamRequest releaseHold(String reservationUid) {
        return request("DELETE", "/v2/slots/reservations/" + encode(reservationUid), SLOTS_VERSION, null);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
