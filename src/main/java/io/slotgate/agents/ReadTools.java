package io.slotgate.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.finder.Alternatives;
import io.slotgate.finder.Finder;
import io.slotgate.finder.NextAvailable;
import io.slotgate.finder.Window;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static io.slotgate.agents.ToolJson.JSON;
import static io.slotgate.agents.ToolJson.slot;

/** The tools that only read: the event types, and the finder's next slot, window and alternatives. */
final class ReadTools {
    private static final Set<String> NEXT = Set.of("eventTypeId", "after", "days", "timeZone", "duration");
    private static final Set<String> WINDOW = Set.of("eventTypeId", "start", "end", "timeZone", "duration");
    private static final Set<String> ALTERNATIVES = Set.of("eventTypeId", "wanted", "count", "radiusDays", "timeZone",
            "duration");

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
        Args a = new Args(arguments, NEXT);
        long eventTypeId = a.eventTypeId();
        Optional<Instant> after = a.start("after", false);
        int days = a.integer("days", Finder.DEFAULT_HORIZON_DAYS, 1, Finder.MAX_HORIZON_DAYS);
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        NextAvailable next = reads.read(eventTypeId,
                () -> reads.finder().next(eventTypeId, after, days, duration, zone.zone()));
        ObjectNode out = JSON.createObjectNode();
        out.put("found", next.found());
        if (next.slot().isPresent()) {
            out.set("slot", slot(next.slot().get(), zone));
        } else {
            out.putNull("slot");
            out.put("message", "no free slot within " + days + (days == 1 ? " day" : " days")
                    + "; ask again with a later 'after' or more 'days' (up to " + Finder.MAX_HORIZON_DAYS + ")");
        }
        ObjectNode searched = out.putObject("searched");
        searched.put("from", zone.format(next.searched().start()));
        searched.put("until", zone.format(next.searched().end().plusMillis(1)));
        searched.put("days", next.horizonDays());
        return out;
    }

    ObjectNode listSlots(JsonNode arguments) {
        Args a = new Args(arguments, WINDOW);
        long eventTypeId = a.eventTypeId();
        Instant start = a.start("start", true).orElseThrow();
        Instant end = a.end("end", true).orElseThrow();
        if (end.isBefore(start)) {
            throw ToolError.invalid("end must not be before start");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(Finder.MAX_WINDOW_DAYS)) > 0) {
            throw ToolError.invalid("end must be at most " + Finder.MAX_WINDOW_DAYS + " days after start");
        }
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        Window window = reads.read(eventTypeId,
                () -> reads.finder().window(eventTypeId, new TimeRange(start, end), duration, zone.zone()));
        ObjectNode out = JSON.createObjectNode();
        out.put("start", zone.format(window.range().start()));
        out.put("end", zone.format(window.range().end()));
        out.put("count", window.slots().size());
        ArrayNode slots = out.putArray("slots");
        window.slots().forEach(s -> slots.add(slot(s, zone)));
        return out;
    }

    ObjectNode findAlternatives(JsonNode arguments) {
        Args a = new Args(arguments, ALTERNATIVES);
        long eventTypeId = a.eventTypeId();
        Instant wanted = a.start("wanted", true).orElseThrow();
        FinderReads.Reach reach = FinderReads.Reach.of(a);
        RequestedZone zone = a.zone();
        Optional<Integer> duration = a.duration();
        Alternatives found = reads.read(eventTypeId, () -> reads.finder().alternatives(eventTypeId, wanted,
                reach.count(), reach.radius(), zone.zone(), duration));
        ObjectNode out = JSON.createObjectNode();
        out.put("wanted", zone.format(found.wanted()));
        out.put("wantedAvailable", found.wantedAvailable());
        out.put("radiusDays", found.radiusDays());
        ArrayNode slots = out.putArray("slots");
        for (Alternatives.Alternative alt : found.slots()) {
            slots.add(slot(alt.slot(), zone).put("dayOffset", alt.dayOffset())
                    .put("minutesAway", alt.distance().toMinutes()));
        }
        return out;
    }
}
