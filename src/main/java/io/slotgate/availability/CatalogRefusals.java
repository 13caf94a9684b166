package io.slotgate.availability;

import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.Callers;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.slots.CalcomErrorBody;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The catalog's refusals as Cal.com would answer them, each told to the refusal listener: a refused query would
 * have been a call without the catalog, so it counts against the client's fair share.
 */
final class CatalogRefusals {
    private final Clock clock;
    private final Consumer<Set<String>> onRefusal;

    CatalogRefusals(Clock clock, Consumer<Set<String>> onRefusal) {
        this.onRefusal = onRefusal;
        this.clock = clock;
    }

    /** Cal.com's own 404 for an id it does not know, marked as the catalog's. */
    FillFailedException notFound(long eventTypeId) {
        told();
        String path = "/v2/slots?eventTypeId=" + eventTypeId;
        UpstreamResponse response = new UpstreamResponse(404, Map.of("content-type", List.of("application/json"),
                EventTypeCatalog.UNKNOWN_HEADER, List.of("unknown")),
                CalcomErrorBody.of(clock, path, 404, "NotFoundException", EventTypeCatalog.NOT_FOUND_MESSAGE));
        return new FillFailedException(new CalcomOutcome.Rejected<>(response), Priority.USER);
    }

    /** The id may be a new one, and the window's discoveries are spent: a 404 could be wrong, so try again later. */
    FillFailedException unsure(Duration wait) {
        told();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        UpstreamResponse response = new UpstreamResponse(429, Map.of("retry-after", List.of(Long.toString(seconds)),
                EventTypeCatalog.UNKNOWN_HEADER, List.of("discoveries-spent")), "");
        return new FillFailedException(new CalcomOutcome.RateLimited<>(wait, response), Priority.USER);
    }

    private void told() {
        Set<String> clients = Callers.current();
        if (!clients.isEmpty()) {
            onRefusal.accept(clients);
        }
    }
}
