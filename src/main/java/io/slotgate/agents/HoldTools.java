package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static io.slotgate.agents.ToolJson.JSON;
import static io.slotgate.agents.ToolJson.instant;
import static io.slotgate.agents.ToolJson.parse;
import static io.slotgate.agents.ToolJson.slot;
import static io.slotgate.agents.ToolJson.utc;
import static io.slotgate.agents.ToolRefusals.calcomMessage;
import static io.slotgate.agents.ToolRefusals.refusal;

/** Holding a slot for a caller (Cal.com's reservations), and letting the hold go. */
final class HoldTools {
    private static final Set<String> HOLD = Set.of("eventTypeId", "start", "duration", "timeZone", "count",
            "radiusDays");
    private static final Set<String> RELEASE = Set.of("reservationUid");

    private final WriteThrough writeThrough;
    private final FinderReads reads;
    private final Clock clock;

    HoldTools(WriteThrough writeThrough, FinderReads reads, Clock clock) {
        this.writeThrough = writeThrough;
        this.reads = reads;
        this.clock = clock;
    }

    ObjectNode holdSlot(JsonNode arguments) {
        Args a = new Args(arguments, HOLD);
        long eventTypeId = a.eventTypeId();
        Instant start = a.start("start", true).orElseThrow();
        Optional<Integer> duration = a.duration();
        RequestedZone zone = a.zone();
        FinderReads.Reach reach = FinderReads.Reach.of(a);
        Args.notPast(start, clock);
        ObjectNode body = JSON.createObjectNode();
        body.put("eventTypeId", eventTypeId);
        body.put("slotStart", utc(start));
        duration.ifPresent(d -> body.put("slotDuration", d));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.reserve(
                ToolRequests.request("POST", "/v2/slots/reservations", ToolRequests.SLOTS_VERSION, body));
        return switch (outcome) {
            case CalcomOutcome.Success<UpstreamResponse> ok -> {
                JsonNode data = parse(ok.value().body()).path("data");
                Instant slotStart = instant(data.path("slotStart")).orElse(start);
                Instant slotEnd = instant(data.path("slotEnd")).orElse(slotStart);
                ObjectNode out = JSON.createObjectNode();
                out.put("held", true);
                out.put("reservationUid", data.path("reservationUid").asText());
                out.set("slot", slot(new Slot(slotStart, slotEnd), zone));
                instant(data.path("reservationUntil")).ifPresent(u -> out.put("until", zone.format(u)));
                yield out;
            }
            // Booked or held by someone else: the day was invalidated by the write-through; offer what is free.
            case CalcomOutcome.Rejected<UpstreamResponse> r when r.response().status() == 422 -> FinderReads.notFree(
                    "held", "the slot is no longer free: " + calcomMessage(r.response()),
                    reads.alternativesAfterConflict(eventTypeId, start, reach, zone, duration));
            default -> throw refusal(outcome, eventTypeId, "hold the slot");
        };
    }

    ObjectNode releaseHold(JsonNode arguments) {
        Args a = new Args(arguments, RELEASE);
        String uid = a.text("reservationUid");
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.release(uid, ToolRequests.releaseHold(uid));
        if (outcome instanceof CalcomOutcome.Rejected<UpstreamResponse> r && r.response().status() == 404) {
            throw new ToolError(404, "no hold with reservationUid " + uid + ": it was released already or has "
                    + "expired, and its slot is offered again");
        }
        if (!outcome.isSuccess()) {
            throw refusal(outcome, 0, "release the hold");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("released", true);
        out.put("reservationUid", uid);
        return out;
    }
}
