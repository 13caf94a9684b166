package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.finder.Finder;
import io.slotgate.invalidation.WriteThrough;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The agent tools of one tenant, transport-free: each takes its arguments as a JSON object and answers a JSON object,
 * or throws a {@link ToolError} with a message an agent can act on. MCP ({@link McpEndpoint}) and
 * {@code POST /v1/finder/book} both call these, so the two speak the same rules.
 *
 * <p>Reads go through the {@link Finder} (the day buckets {@code /v2/slots} uses); writes through {@link WriteThrough}
 * (invalidation before the answer returns), with the tenant's own Cal.com key: an agent has no Cal.com credentials of
 * its own, the agent token stands for the tenant. A booking Cal.com refuses because the slot is taken is answered,
 * in the same call, with alternatives from the day refetched after the refusal.
 *
 * <p>Behind this front: {@link ReadTools}, {@link HoldTools} and {@link BookingTools}, over {@link FinderReads},
 * {@link ToolRequests}, {@link ToolRefusals} and {@link ToolJson}.
 */
public final class AgentTools {
    static final ObjectMapper JSON = ToolJson.JSON;

    private final ReadTools reads;
    private final HoldTools holds;
    private final BookingTools bookings;

    public AgentTools(CalcomClient client, Finder finder, WriteThrough writeThrough, Clock clock) {
        FinderReads finderReads = new FinderReads(finder);
        this.reads = new ReadTools(finderReads, new EventTypeCatalog(client, clock));
        this.holds = new HoldTools(writeThrough, finderReads, clock);
        this.bookings = new BookingTools(client, writeThrough, finderReads, clock);
    }

    /** Runs the named tool. */
    public ObjectNode call(String tool, JsonNode arguments) {
        Function<JsonNode, ObjectNode> handler = switch (tool) {
            case "list_event_types" -> reads::listEventTypes;
            case "find_next_slot" -> reads::findNextSlot;
            case "list_slots" -> reads::listSlots;
            case "find_alternatives" -> reads::findAlternatives;
            case "hold_slot" -> holds::holdSlot;
            case "release_hold" -> holds::releaseHold;
            case "book_slot" -> bookings::bookSlot;
            case "cancel_booking" -> bookings::cancelBooking;
            case "reschedule_booking" -> bookings::rescheduleBooking;
            default -> throw ToolError.invalid("unknown tool '" + tool + "'");
        };
        return handler.apply(arguments);
    }

    /**
     * {@code {"booked": true, "booking": {...}}}, or {@code {"booked": false, "reason", "alternatives"}} when Cal.com
     * refused because the slot was taken: that day was invalidated by the write-through, so the alternatives come from
     * a fresh copy, read in this same call.
     */
    public ObjectNode bookSlot(JsonNode arguments) {
        return bookings.bookSlot(arguments);
    }

    static List<String> toolNames() {
        return List.of("list_event_types", "find_next_slot", "list_slots", "find_alternatives", "hold_slot",
                "release_hold", "book_slot", "cancel_booking", "reschedule_booking");
    }
}
