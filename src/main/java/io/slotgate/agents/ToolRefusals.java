package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamResponse;

/** Cal.com's refusals and failures, said so an agent knows whether to change its input or retry. */
final class ToolRefusals {
    private ToolRefusals() {
    }

    static ToolError refusal(CalcomOutcome<?> outcome, long eventTypeId, String action) {
        return switch (outcome) {
            case CalcomOutcome.Rejected<?> r when r.response().status() == 404 && eventTypeId > 0 ->
                    new ToolError(404, "eventTypeId " + eventTypeId + " is unknown (Cal.com: "
                            + calcomMessage(r.response()) + "); call list_event_types for the ids");
            case CalcomOutcome.Rejected<?> r -> new ToolError(r.response().status() >= 400
                    && r.response().status() < 500 ? r.response().status() : 400,
                    "Cal.com refused to " + action + ": " + calcomMessage(r.response()));
            case CalcomOutcome.SlotTaken<?> t -> new ToolError(409, "the slot is not free: "
                    + calcomMessage(t.response()) + "; call find_alternatives");
            case CalcomOutcome.RateLimited<?> limited -> new ToolError(503, "Cal.com's rate limit is reached; retry in "
                    + Math.max(1, limited.retryAfter().toSeconds()) + " s");
            case CalcomOutcome.Unauthorised<?> u -> new ToolError(502, "Cal.com refused this tenant's credentials ("
                    + u.response().status() + "); the operator must check slotgate's Cal.com API key");
            case CalcomOutcome.UpstreamError<?> e -> new ToolError(503, "Cal.com gave no usable answer (" + e.reason()
                    + "); retry in a few seconds");
            case CalcomOutcome.Success<?> s -> new ToolError(500, "unexpected success");
        };
    }

    static ToolError bookingRefusal(CalcomOutcome<?> outcome, String uid, String action) {
        if (outcome instanceof CalcomOutcome.Rejected<?> r && r.response().status() == 404) {
            return new ToolError(404, "bookingUid " + uid + " is unknown (Cal.com: " + calcomMessage(r.response())
                    + ")");
        }
        return refusal(outcome, 0, action + " the booking");
    }

    /** Cal.com's own words: {@code error.message} of its envelope, or Nest's bare {@code message}. */
    static String calcomMessage(UpstreamResponse response) {
        JsonNode body = ToolJson.parse(response.body());
        JsonNode message = body.path("error").path("message");
        if (!message.isTextual()) {
            message = body.path("message");
        }
        return message.isTextual() ? message.asText() : "HTTP " + response.status();
    }
}
