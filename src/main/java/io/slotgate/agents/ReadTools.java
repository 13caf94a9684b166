package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.finder.Alternatives;
import io.slotgate.finder.Finder;
import io.slotgate.finder.FinderJson;
import io.slotgate.finder.NextAvailable;
import io.slotgate.finder.Window;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.TimeRange;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static io.slotgate.agents.ToolJson.JSON;
import static io.slotgate.agents.ToolJson.slot;

/** The tools that only read: the event types, and the finder's next slot, window and alternatives. */
final class ReadTools {
    private final FinderReads reads;
    private final EventTypeCatalog catalog;

    ReadTools(FinderReads reads, EventTypeCatalog catalog) {
        this.reads = reads;
        this.catalog = catalog;
    }

    ObjectNode listEventTypes(JsonNode arguments) {
        new Args(arguments, Set.of());
        ObjectNode out = JSON.createObjectNode();
        out.set("eventTypes", catalog.list());
        return out;
    }

    ObjectNode findNextSlot(JsonNode arguments) {
        Args a = new Args(arguments, FinderJson.NEXT_ARGUMENTS);
        long eventTypeId = a.eventTypeId();
        Optional<Instant> after = a.start("after", false);
        int days = a.integer("days", Finder.DEFAULT_HORIZON_DAYS, 1, Finder.MAX_HORIZON_DAYS);
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        NextAvailable next = reads.read(eventTypeId,
                () -> reads.finder().next(eventTypeId, after, days, duration, zone.zone()));
        ObjectNode out = JSON.createObjectNode();
        FinderJson.nextSlot(out, next, zone);
        if (next.slot().isEmpty()) {
            out.put("message", "no free slot within " + days + (days == 1 ? " day" : " days")
                    + "; ask again with a later 'after' or more 'days' (up to " + Finder.MAX_HORIZON_DAYS + ")");
        }
        FinderJson.searched(out, next, zone);
        return out;
    }

    ObjectNode listSlots(JsonNode arguments) {
        Args a = new Args(arguments, FinderJson.WINDOW_ARGUMENTS);
        long eventTypeId = a.eventTypeId();
        Instant start = a.start("start", true).orElseThrow();
        Instant end = a.end("end", true).orElseThrow();
        FinderJson.windowProblem(start, end).ifPresent(problem -> {
            throw ToolError.invalid(problem);
        });
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        Window window = reads.read(eventTypeId,
                () -> reads.finder().window(eventTypeId, new TimeRange(start, end), duration, zone.zone()));
        return FinderJson.window(window, zone);
    }

    ObjectNode findAlternatives(JsonNode arguments) {
        Args a = new Args(arguments, FinderJson.ALTERNATIVES_ARGUMENTS);
        long eventTypeId = a.eventTypeId();
        Instant wanted = a.start("wanted", true).orElseThrow();
        FinderReads.Reach reach = FinderReads.Reach.of(a);
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        Alternatives found = reads.read(eventTypeId, () -> reads.finder().alternatives(eventTypeId, wanted,
                reach.count(), reach.radius(), zone.zone(), duration));
        return FinderJson.alternatives(found, zone);
    }
}
