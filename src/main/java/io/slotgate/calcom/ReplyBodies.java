package io.slotgate.calcom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.json.Jackson;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotsJson;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The bodies of Cal.com's successful answers read into slotgate's types; a body that cannot be read is an upstream
 * error, never an empty answer.
 */
final class ReplyBodies {
    private static final ObjectMapper MAPPER = Jackson.MAPPER;

    private ReplyBodies() {
    }

    static CalcomOutcome<List<Slot>> slots(CalcomOutcome<UpstreamResponse> raw) {
        if (!(raw instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            return raw.asFailure();
        }
        try {
            return new CalcomOutcome.Success<>(SlotsJson.parse(ok.value().body(), Duration.ZERO), ok.value());
        } catch (SlotsJson.MalformedSlotsException e) {
            return new CalcomOutcome.UpstreamError<>(ok.value().status(), e.getMessage());
        }
    }

    static CalcomOutcome<EventTypeInfo> eventType(CalcomOutcome<UpstreamResponse> raw) {
        if (!(raw instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            return raw.asFailure();
        }
        try {
            return new CalcomOutcome.Success<>(EventTypeJson.parse(MAPPER.readTree(ok.value().body())), ok.value());
        } catch (IOException | RuntimeException e) {
            return new CalcomOutcome.UpstreamError<>(ok.value().status(), "unreadable event type: " + e.getMessage());
        }
    }

    /** Each item of a {@code {"status":"success","data":[…]}} answer, read by {@code item}. */
    static <T> CalcomOutcome<List<T>> data(CalcomOutcome<UpstreamResponse> raw, Function<JsonNode, T> item) {
        if (!(raw instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            return raw.asFailure();
        }
        try {
            JsonNode data = MAPPER.readTree(ok.value().body()).path("data");
            if (!data.isArray()) {
                return new CalcomOutcome.UpstreamError<>(ok.value().status(), "the answer's data is not a list");
            }
            List<T> out = new ArrayList<>();
            for (JsonNode node : data) {
                if (!node.path("id").canConvertToLong()) {
                    return new CalcomOutcome.UpstreamError<>(ok.value().status(), "a listed item has no id");
                }
                out.add(item.apply(node));
            }
            return new CalcomOutcome.Success<>(out, ok.value());
        } catch (IOException | RuntimeException e) {
            return new CalcomOutcome.UpstreamError<>(ok.value().status(), "unreadable list: " + e.getMessage());
        }
    }

    static TeamInfo team(JsonNode item) {
        return new TeamInfo(item.get("id").asLong(),
                item.path("parentId").canConvertToLong() ? OptionalLong.of(item.get("parentId").asLong())
                        : OptionalLong.empty(),
                item.path("slug").asText(""), item.path("isOrganization").asBoolean(false));
    }
}
