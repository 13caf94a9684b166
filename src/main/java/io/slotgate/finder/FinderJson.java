package io.slotgate.finder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The finder's questions as both its callers take them, the HTTP routes ({@code /v1/finder/...}) and the agents'
 * tools: the arguments each question takes, and the body parts of its answer, in the caller's zone. Written once so
 * that a route and a tool asked the same question answer in the same shape.
 */
public final class FinderJson {
    public static final Set<String> NEXT_ARGUMENTS = Set.of("eventTypeId", "after", "days", "timeZone", "duration");
    public static final Set<String> WINDOW_ARGUMENTS = Set.of("eventTypeId", "start", "end", "timeZone", "duration");
    public static final Set<String> ALTERNATIVES_ARGUMENTS = Set.of("eventTypeId", "wanted", "count", "radiusDays",
            "timeZone", "duration");

    private FinderJson() {
    }

    /** What is wrong with a window's bounds, in the words both routes answer with; empty when nothing is. */
    public static Optional<String> windowProblem(Instant start, Instant end) {
        if (end.isBefore(start)) {
            return Optional.of("end must not be before start");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(Finder.MAX_WINDOW_DAYS)) > 0) {
            return Optional.of("end must be at most " + Finder.MAX_WINDOW_DAYS + " days after start, got "
                    + Duration.between(start, end).toDays() + " days");
        }
        return Optional.empty();
    }

    public static ObjectNode slot(Slot slot, RequestedZone zone) {
        ObjectNode node = Jackson.MAPPER.createObjectNode();
        node.put("start", zone.format(slot.start()));
        node.put("end", zone.format(slot.end()));
        return node;
    }

    /** The next slot's {@code found} and {@code slot} ({@code null} when none; the caller says why). */
    public static void nextSlot(ObjectNode out, NextAvailable next, RequestedZone zone) {
        out.put("found", next.found());
        if (next.slot().isPresent()) {
            out.set("slot", slot(next.slot().get(), zone));
        } else {
            out.putNull("slot");
        }
    }

    /** What the next-slot search looked through: {@code searched} with its {@code from}, {@code until} and days. */
    public static void searched(ObjectNode out, NextAvailable next, RequestedZone zone) {
        ObjectNode searched = out.putObject("searched");
        searched.put("from", zone.format(next.searched().start()));
        searched.put("until", zone.format(next.searched().end().plusMillis(1)));
        searched.put("days", next.horizonDays());
    }

    public static ObjectNode window(Window window, RequestedZone zone) {
        ObjectNode out = Jackson.MAPPER.createObjectNode();
        out.put("start", zone.format(window.range().start()));
        out.put("end", zone.format(window.range().end()));
        out.put("count", window.slots().size());
        ArrayNode slots = out.putArray("slots");
        window.slots().forEach(s -> slots.add(slot(s, zone)));
        return out;
    }

    public static ObjectNode alternatives(Alternatives found, RequestedZone zone) {
        ObjectNode out = Jackson.MAPPER.createObjectNode();
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
