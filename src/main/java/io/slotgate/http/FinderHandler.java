package io.slotgate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.FillFailedException;
import io.slotgate.finder.Alternatives;
import io.slotgate.finder.Finder;
import io.slotgate.finder.FinderJson;
import io.slotgate.finder.NextAvailable;
import io.slotgate.finder.Window;
import io.slotgate.http.QueryParams.Reading;
import io.slotgate.json.Jackson;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /v1/finder/next|window|alternatives}: parse, ask the {@link Finder}, render. Times are rendered in the
 * requested zone as Cal.com renders them; {@code X-Cache} and {@code Age} cover every day bucket consulted.
 */
final class FinderHandler {
    private static final ObjectMapper JSON = Jackson.MAPPER;

    private final Finder finder;
    private final ErrorReply errors;

    FinderHandler(Finder finder, ErrorReply errors) {
        this.finder = finder;
        this.errors = errors;
    }

    void next(Context ctx) {
        answer(ctx, () -> {
            QueryParams p = params(ctx, FinderJson.NEXT_ARGUMENTS);
            long eventTypeId = p.eventTypeId();
            var after = instant(p, "after", Reading.START, false);
            int days = p.integer("days", Finder.DEFAULT_HORIZON_DAYS, 1, Finder.MAX_HORIZON_DAYS);
            RequestedZone zone = p.zone(RequestedZone::parse);
            var duration = p.duration();
            return () -> {
                NextAvailable next = finder.next(eventTypeId, after, days, duration, zone.zone());
                ObjectNode data = JSON.createObjectNode();
                FinderJson.nextSlot(data, next, zone);
                if (next.slot().isEmpty()) {
                    data.put("message", "no slot within " + days + (days == 1 ? " day" : " days"));
                }
                FinderJson.searched(data, next, zone);
                return new Rendered(data, next.outcome(), next.age());
            };
        });
    }

    void window(Context ctx) {
        answer(ctx, () -> {
            QueryParams p = params(ctx, FinderJson.WINDOW_ARGUMENTS);
            long eventTypeId = p.eventTypeId();
            Instant start = instant(p, "start", Reading.START, true).orElseThrow();
            Instant end = instant(p, "end", Reading.END, true).orElseThrow();
            FinderJson.windowProblem(start, end).ifPresent(problem -> {
                throw new QueryParams.Invalid(problem);
            });
            RequestedZone zone = p.zone(RequestedZone::parse);
            var duration = p.duration();
            return () -> {
                Window window = finder.window(eventTypeId, new TimeRange(start, end), duration, zone.zone());
                return new Rendered(FinderJson.window(window, zone), window.outcome(), window.age());
            };
        });
    }

    void alternatives(Context ctx) {
        answer(ctx, () -> {
            QueryParams p = params(ctx, FinderJson.ALTERNATIVES_ARGUMENTS);
            long eventTypeId = p.eventTypeId();
            Instant wanted = instant(p, "wanted", Reading.START, true).orElseThrow();
            int count = p.integer("count", Finder.DEFAULT_COUNT, 1, Finder.MAX_COUNT);
            int radius = p.integer("radiusDays", Finder.DEFAULT_RADIUS_DAYS, 0, Finder.MAX_RADIUS_DAYS);
            RequestedZone zone = p.zone(RequestedZone::parse);
            var duration = p.duration();
            return () -> {
                Alternatives found = finder.alternatives(eventTypeId, wanted, count, radius, zone.zone(), duration);
                return new Rendered(FinderJson.alternatives(found, zone), found.outcome(), found.age());
            };
        });
    }

    /**
     * The query, each parameter in {@code known} and given once. Times are read as {@code GET /v2/slots} reads them
     * (UTC unless an offset is given; a date alone is its UTC midnight, and as an {@code end} its last second), so a
     * finder question and a slots question with the same values mean the same instants.
     */
    private static QueryParams params(Context ctx, Set<String> known) {
        QueryParams params = new QueryParams(ctx.queryParamMap());
        params.onlyOnce(known);
        return params;
    }

    private static Optional<Instant> instant(QueryParams p, String name, Reading reading, boolean required) {
        Optional<Instant> instant = p.instant(name, reading, required, "2050-09-05T09:00:00Z", null);
        instant.ifPresent(i -> p.inYears(name, i));
        return instant;
    }

    /** What a successful answer renders to. */
    private record Rendered(ObjectNode data, CacheOutcome outcome, Duration age) {
    }

    /** Parsing yields a computation; parsing failures are 400s, upstream failures go through ErrorReply. */
    private void answer(Context ctx, Supplier<Supplier<Rendered>> parse) {
        Supplier<Rendered> compute;
        try {
            compute = parse.get();
        } catch (QueryParams.Invalid invalid) {
            errors.send(ctx, 400, invalid.getMessage());
            return;
        }
        Rendered rendered;
        try {
            rendered = compute.get();
        } catch (FillFailedException failure) {
            errors.upstreamFailure(ctx, failure.outcome());
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("status", "success");
        root.set("data", rendered.data());
        ctx.status(200)
                .contentType("application/json")
                .header("X-Cache", rendered.outcome().name())
                .header("Age", Long.toString(rendered.age().toSeconds()))
                .result(root.toString());
    }
}
