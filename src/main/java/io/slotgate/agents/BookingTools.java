package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.slots.RequestedZone;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static io.slotgate.agents.ToolJson.JSON;
import static io.slotgate.agents.ToolJson.parse;
import static io.slotgate.agents.ToolJson.utc;
import static io.slotgate.agents.ToolRefusals.bookingRefusal;
import static io.slotgate.agents.ToolRefusals.calcomMessage;
import static io.slotgate.agents.ToolRefusals.refusal;
import static io.slotgate.agents.ToolRequests.BOOKINGS_VERSION;
import static io.slotgate.agents.ToolRequests.encode;
import static io.slotgate.agents.ToolRequests.request;

/** Booking a slot, and cancelling or rescheduling a booking, through the write-through. */
final class BookingTools {
    private static final Set<String> BOOK = Set.of("eventTypeId", "start", "attendee", "duration", "timeZone", "count",
            "radiusDays", "reservationUid");
    private static final Set<String> ATTENDEE = Set.of("name", "email", "timeZone");
    private static final Set<String> CANCEL = Set.of("bookingUid", "cancellationReason");
    private static final Set<String> RESCHEDULE = Set.of("bookingUid", "start", "reschedulingReason", "timeZone",
            "count", "radiusDays", "eventTypeId", "duration");

    private final CalcomClient client;
    private final WriteThrough writeThrough;
    private final FinderReads reads;
    private final Clock clock;

    BookingTools(CalcomClient client, WriteThrough writeThrough, FinderReads reads, Clock clock) {
        this.client = client;
        this.writeThrough = writeThrough;
        this.reads = reads;
        this.clock = clock;
    }

    ObjectNode bookSlot(JsonNode arguments) {
        Args a = new Args(arguments, BOOK);
        long eventTypeId = a.eventTypeId();
        Instant start = a.start("start", true).orElseThrow();
        JsonNode attendee = a.object("attendee");
        Args who = new Args(attendee, ATTENDEE);
        String name = who.text("name");
        Optional<String> email = who.optionalText("email");
        RequestedZone attendeeZone = Args.zone("attendee.timeZone", attendee.path("timeZone"));
        if (!attendee.path("timeZone").isTextual()) {
            throw ToolError.invalid("attendee.timeZone is required: the caller's IANA time zone such as Europe/Berlin");
        }
        Optional<Integer> duration = a.duration();
        RequestedZone zone = arguments.has("timeZone") ? a.zone() : attendeeZone;
        FinderReads.Reach reach = FinderReads.Reach.of(a);
        Optional<String> reservationUid = a.optionalText("reservationUid");
        Args.notPast(start, clock);
        ObjectNode body = JSON.createObjectNode();
        body.put("start", utc(start));
        body.put("eventTypeId", eventTypeId);
        ObjectNode who2 = body.putObject("attendee");
        who2.put("name", name);
        email.ifPresent(e -> who2.put("email", e));
        who2.put("timeZone", attendeeZone.name());
        duration.ifPresent(d -> body.put("lengthInMinutes", d));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.create(
                request("POST", "/v2/bookings", BOOKINGS_VERSION, body));
        return switch (outcome) {
            case CalcomOutcome.Success<UpstreamResponse> ok -> {
                ObjectNode out = JSON.createObjectNode();
                out.put("booked", true);
                out.set("booking", parse(ok.value().body()).path("data"));
                // The hold kept the slot for this caller; the booking keeps it now, so the hold is let go, off the
                // caller's path (a Cal.com round trip the caller need not wait for; it lapses by itself anyway).
                reservationUid.ifPresent(uid -> Thread.ofVirtual().start(() -> writeThrough.release(uid,
                        ToolRequests.releaseHold(uid))));
                yield out;
            }
            case CalcomOutcome.SlotTaken<UpstreamResponse> taken -> FinderReads.notFree("booked",
                    "the slot was taken: " + calcomMessage(taken.response()),
                    reads.alternativesAfterConflict(eventTypeId, start, reach, zone, duration));
            default -> throw refusal(outcome, eventTypeId, "book");
        };
    }

    ObjectNode cancelBooking(JsonNode arguments) {
        Args a = new Args(arguments, CANCEL);
        String uid = a.text("bookingUid");
        ObjectNode body = JSON.createObjectNode();
        a.optionalText("cancellationReason").ifPresent(r -> body.put("cancellationReason", r));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.cancel(
                request("POST", "/v2/bookings/" + encode(uid) + "/cancel", BOOKINGS_VERSION, body));
        if (!(outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok)) {
            throw bookingRefusal(outcome, uid, "cancel");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("cancelled", true);
        out.set("booking", parse(ok.value().body()).path("data"));
        return out;
    }

    ObjectNode rescheduleBooking(JsonNode arguments) {
        Args a = new Args(arguments, RESCHEDULE);
        String uid = a.text("bookingUid");
        Instant start = a.start("start", true).orElseThrow();
        RequestedZone zone = a.zone();
        FinderReads.Reach reach = FinderReads.Reach.of(a);
        Optional<Integer> duration = a.duration();
        Optional<Long> eventTypeId = arguments.has("eventTypeId") ? Optional.of(a.eventTypeId()) : Optional.empty();
        Args.notPast(start, clock);
        ObjectNode body = JSON.createObjectNode();
        body.put("start", utc(start));
        a.optionalText("reschedulingReason").ifPresent(r -> body.put("reschedulingReason", r));
        CalcomOutcome<UpstreamResponse> outcome = writeThrough.reschedule(uid,
                request("POST", "/v2/bookings/" + encode(uid) + "/reschedule", BOOKINGS_VERSION, body));
        return switch (outcome) {
            case CalcomOutcome.Success<UpstreamResponse> ok -> {
                ObjectNode out = JSON.createObjectNode();
                out.put("rescheduled", true);
                out.set("booking", parse(ok.value().body()).path("data"));
                yield out;
            }
            case CalcomOutcome.SlotTaken<UpstreamResponse> taken -> {
                String reason = "the new time is not free: " + calcomMessage(taken.response());
                long type = eventTypeId.orElseGet(() -> bookedEventType(uid));
                yield FinderReads.notFree("rescheduled", reason, type > 0
                        ? reads.alternativesAfterConflict(type, start, reach, zone, duration)
                        : JSON.createArrayNode());
            }
            default -> throw bookingRefusal(outcome, uid, "reschedule");
        };
    }

    /** The event type of a booking, read with the tenant's key (0 when it cannot be read). */
    private long bookedEventType(String uid) {
        CalcomOutcome<UpstreamResponse> got = client.call(
                request("GET", "/v2/bookings/" + encode(uid), BOOKINGS_VERSION, null));
        if (got instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
            JsonNode data = parse(ok.value().body()).path("data");
            return data.path("eventTypeId").asLong(data.path("eventType").path("id").asLong(0));
        }
        return 0;
    }
}
