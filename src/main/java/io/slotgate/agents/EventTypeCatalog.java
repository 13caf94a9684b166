package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.TeamInfo;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's event types for {@code list_event_types}: the API key owner's ({@code GET /v2/event-types}) and those
 * of each team the owner belongs to ({@code GET /v2/teams}, then {@code GET /v2/teams/{id}/event-types}), with
 * slotgate's key. Kept for five minutes: an agent asks this at the start of every conversation, and a new event type
 * is rare enough that five minutes' delay is cheaper than 1 + teams Cal.com calls per conversation. A failed listing
 * is not kept.
 */
final class EventTypeCatalog {
    static final Duration KEPT_FOR = Duration.ofMinutes(5);
    private static final String KEY = "all";

    private final CalcomClient client;
    private final Cache<String, ArrayNode> lists;

    EventTypeCatalog(CalcomClient client, Clock clock) {
        this.client = client;
        this.lists = Caffeine.newBuilder().ticker(() -> clock.millis() * 1_000_000L).expireAfterWrite(KEPT_FOR)
                .maximumSize(1).build();
    }

    ArrayNode list() {
        ArrayNode cached = lists.getIfPresent(KEY);
        if (cached != null) {
            return cached.deepCopy();
        }
        ArrayNode all = AgentTools.JSON.createArrayNode();
        Set<Long> seen = new LinkedHashSet<>();
        add(all, seen, fetch("/v2/event-types"));
        CalcomOutcome<java.util.List<TeamInfo>> teams = client.teams();
        if (teams instanceof CalcomOutcome.Success<java.util.List<TeamInfo>> ok) {
            for (TeamInfo team : ok.value()) {
                if (!team.isOrganization()) {
                    add(all, seen, fetch("/v2/teams/" + team.id() + "/event-types"));
                }
            }
        } else if (all.isEmpty()) {
            throw failure(teams);
        }
        lists.put(KEY, all);
        return all.deepCopy();
    }

    private JsonNode fetch(String path) {
        CalcomOutcome<UpstreamResponse> outcome = client.call(new UpstreamRequest("GET", path,
                Map.of("cal-api-version", CalcomClient.EVENT_TYPES_VERSION), "", Priority.USER, false));
        if (outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
            return ToolJson.parse(ok.value().body()).path("data");
        }
        throw failure(outcome);
    }

    private static ToolError failure(CalcomOutcome<?> outcome) {
        return switch (outcome) {
            case CalcomOutcome.Unauthorised<?> u -> new ToolError(502, "Cal.com refused this tenant's credentials ("
                    + u.response().status() + "); the operator must check slotgate's Cal.com API key");
            case CalcomOutcome.RateLimited<?> r -> new ToolError(503, "Cal.com's rate limit is reached; retry in "
                    + Math.max(1, r.retryAfter().toSeconds()) + " s");
            default -> new ToolError(503, "Cal.com could not list the event types ("
                    + outcome.getClass().getSimpleName() + "); retry in a few seconds");
        };
    }

    private static void add(ArrayNode all, Set<Long> seen, JsonNode data) {
        for (JsonNode t : data) {
            long id = t.path("id").asLong(0);
            if (id <= 0 || !seen.add(id)) {
                continue;
            }
            ObjectNode item = all.addObject();
            item.put("id", id);
            item.put("title", t.path("title").asText(""));
            item.put("slug", t.path("slug").asText(""));
            item.put("lengthInMinutes", t.path("lengthInMinutes").asInt(0));
            ArrayNode options = item.putArray("lengthInMinutesOptions");
            t.path("lengthInMinutesOptions").forEach(o -> options.add(o.asInt()));
            ArrayNode hosts = item.putArray("hosts");
            // a user's event type lists users[], a team's hosts[]
            for (JsonNode h : t.has("hosts") ? t.path("hosts") : t.path("users")) {
                String name = h.path("name").asText("");
                hosts.add(name.isBlank() ? h.path("username").asText("") : name);
            }
            if (t.path("teamId").canConvertToLong() && t.path("teamId").asLong() > 0) {
                item.put("teamId", t.path("teamId").asLong());
            }
        }
    }
}
