package io.slotgate.agents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.cache.FillFailedException;
import io.slotgate.finder.Alternatives;
import io.slotgate.finder.Finder;
import io.slotgate.slots.RequestedZone;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** The tools' reads of the finder, and the alternatives offered when Cal.com refused a slot. */
final class FinderReads {
    private final Finder finder;

    FinderReads(Finder finder) {
        this.finder = finder;
    }

    Finder finder() {
        return finder;
    }

    /** How many alternatives a tool offers, and how many days around the wanted one they may be found. */
    record Reach(int count, int radius) {
        static Reach of(Args a) {
            int count = a.integer("count", Finder.DEFAULT_COUNT, 1, Finder.MAX_COUNT);
            int radius = a.integer("radiusDays", Finder.DEFAULT_RADIUS_DAYS, 0, Finder.MAX_RADIUS_DAYS);
            return new Reach(count, radius);
        }
    }

    /** A finder question, its failures said as tool errors. */
    <T> T read(long eventTypeId, Supplier<T> question) {
        try {
            return question.get();
        } catch (FillFailedException failure) {
            throw ToolRefusals.refusal(failure.outcome(), eventTypeId, "read its slots");
        } catch (IllegalArgumentException bad) {
            throw ToolError.invalid(bad.getMessage());
        }
    }

    /**
     * The nearest free slots after Cal.com refused {@code wanted}: the write-through invalidated that day, so the
     * finder refetches it; the refused start itself is left out even if a copy still offers it (Cal.com just said no).
     */
    ArrayNode alternativesAfterConflict(long eventTypeId, Instant wanted, Reach reach, RequestedZone zone,
                                        Optional<Integer> duration) {
        Alternatives found = read(eventTypeId,
                () -> finder.alternatives(eventTypeId, wanted, reach.count() + 1, reach.radius(), zone.zone(), duration));
        ArrayNode slots = ToolJson.JSON.createArrayNode();
        found.slots().stream().filter(alt -> !alt.slot().start().equals(wanted)).limit(reach.count())
                .forEach(alt -> slots.add(ToolJson.slot(alt.slot(), zone)));
        return slots;
    }

    /** The answer of a write Cal.com refused because the slot was not free: why, and what is free instead. */
    static ObjectNode notFree(String flag, String reason, ArrayNode alternatives) {
        ObjectNode out = ToolJson.JSON.createObjectNode();
        out.put(flag, false);
        out.put("reason", reason);
        out.set("alternatives", alternatives);
        return out;
    }
}
