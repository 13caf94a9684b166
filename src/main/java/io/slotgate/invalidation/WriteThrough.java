package io.slotgate.invalidation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.json.Jackson;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Bookings and reservations made through slotgate (DESIGN.md §5, "read your writes"): forwarded to Cal.com with the
 * client's own credentials, and on success the affected days are invalidated before the answer goes back, so the
 * client's next slots query no longer offers what it just booked. Reservations send no webhook (NOTES.md §3e), so
 * this is the only invalidation they get. A refusal because the slot is taken invalidates that event type's days at
 * once and counts a staleness incident. Cal.com's answer is returned unchanged. The HTTP handler and the simulator
 * both go through here.
 */
public final class WriteThrough {
    private static final Logger LOG = LoggerFactory.getLogger(WriteThrough.class);
    private static final ObjectMapper JSON = Jackson.MAPPER;
    /** A slot of unknown length: invalidate at least the day of its start. */
    private static final Duration UNKNOWN_LENGTH = Duration.ofMinutes(1);

    private final CalcomClient client;
    private final Invalidator invalidator;
    private final Optional<HeldSlots> holds;

    public WriteThrough(CalcomClient client, Invalidator invalidator) {
        this(client, invalidator, Optional.empty());
    }

    /** With {@code holds}: reservations made here come back into the answers when Cal.com lets them lapse. */
    public WriteThrough(CalcomClient client, Invalidator invalidator, Optional<HeldSlots> holds) {
        this.client = client;
        this.invalidator = invalidator;
        this.holds = holds;
    }

    /** {@code POST /v2/bookings}. */
    public CalcomOutcome<UpstreamResponse> create(UpstreamRequest request) {
        CalcomOutcome<UpstreamResponse> outcome = client.call(request);
        guarded(() -> {
            if (outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
                bookings(ok.value().body()).forEach(b -> changed(b, Invalidator.HostTimes.booked(List.of(b.window())),
                        Cause.SLOTGATE_BOOKING));
            } else if (outcome instanceof CalcomOutcome.SlotTaken<UpstreamResponse>) {
                JsonNode body = json(request.body());
                OptionalLong eventTypeId = id(body.path("eventTypeId"));
                Optional<Instant> start = time(body.path("start"));
                if (eventTypeId.isPresent() && start.isPresent()) {
                    Duration length = body.path("lengthInMinutes").canConvertToInt()
                            ? Duration.ofMinutes(body.path("lengthInMinutes").asInt()) : UNKNOWN_LENGTH;
                    slotTaken(eventTypeId.getAsLong(), start.get(), length);
                } else {
                    invalidator.counters().stalenessIncident();
                }
            }
        });
        return outcome;
    }

    /** {@code POST /v2/bookings/{uid}/cancel}: the answer is the cancelled booking, with its times. */
    public CalcomOutcome<UpstreamResponse> cancel(UpstreamRequest request) {
        CalcomOutcome<UpstreamResponse> outcome = client.call(request);
        guarded(() -> {
            if (outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
                bookings(ok.value().body()).forEach(b -> changed(b, Invalidator.HostTimes.freed(List.of(b.window())),
                        Cause.SLOTGATE_BOOKING));
            }
        });
        return outcome;
    }

    /**
     * {@code POST /v2/bookings/{uid}/reschedule}: the answer is the new booking only, so the old one is read first
     * (with the client's credentials) to learn the time it frees.
     */
    public CalcomOutcome<UpstreamResponse> reschedule(String uid, UpstreamRequest request) {
        Optional<BookingFacts> old = guardedGet(() -> fetch(request, "/v2/bookings/" + encode(uid))
                .flatMap(body -> bookings(body).stream().findFirst()));
        CalcomOutcome<UpstreamResponse> outcome = client.call(request);
        guarded(() -> {
            if (outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
                for (BookingFacts fresh : bookings(ok.value().body())) {
                    List<TimeRange> freed = new ArrayList<>();
                    Set<Long> hosts = new LinkedHashSet<>(fresh.hostIds());
                    old.ifPresent(o -> {
                        freed.add(o.window());
                        hosts.addAll(o.hostIds());
                    });
                    OptionalLong type = fresh.eventTypeId().isPresent() ? fresh.eventTypeId()
                            : old.map(BookingFacts::eventTypeId).orElse(OptionalLong.empty());
                    invalidator.bookingChanged(type, hosts, new Invalidator.HostTimes(List.of(fresh.window()), freed,
                            io.slotgate.cache.DayChange.Kind.BOOKED), Cause.SLOTGATE_BOOKING);
                }
            } else if (outcome instanceof CalcomOutcome.SlotTaken<UpstreamResponse>) {
                Optional<Instant> start = time(json(request.body()).path("start"));
                if (old.isPresent() && old.get().eventTypeId().isPresent() && start.isPresent()) {
                    slotTaken(old.get().eventTypeId().getAsLong(), start.get(),
                            Duration.between(old.get().window().start(), old.get().window().end()));
                } else {
                    invalidator.counters().stalenessIncident();
                }
            }
        });
        return outcome;
    }

    /** {@code POST /v2/slots/reservations}: blocks the hosts of the event type, and Cal.com says so to nobody. */
    public CalcomOutcome<UpstreamResponse> reserve(UpstreamRequest request) {
        CalcomOutcome<UpstreamResponse> outcome = client.call(request);
        guarded(() -> {
            if (outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
                reservation(ok.value().body()).ifPresent(r -> {
                    changed(r, Invalidator.HostTimes.reserved(List.of(r.window())), Cause.SLOTGATE_RESERVATION);
                    JsonNode data = json(ok.value().body()).path("data");
                    Optional<Instant> until = time(data.path("reservationUntil"));
                    if (holds.isPresent() && data.path("reservationUid").isTextual() && until.isPresent()) {
                        holds.get().reserved(data.path("reservationUid").asText(), r, until.get());
                    }
                });
            } else if (outcome instanceof CalcomOutcome.Rejected<UpstreamResponse> rejected
                    && rejected.response().status() == 422) {
                // "already booked" / "already reserved": slotgate offered a slot that was not free.
                JsonNode body = json(request.body());
                OptionalLong eventTypeId = id(body.path("eventTypeId"));
                Optional<Instant> start = time(body.path("slotStart"));
                if (eventTypeId.isPresent() && start.isPresent()) {
                    slotTaken(eventTypeId.getAsLong(), start.get(), UNKNOWN_LENGTH);
                }
            }
        });
        return outcome;
    }

    /** {@code DELETE /v2/slots/reservations/{uid}}: read the reservation first, to know what time it frees. */
    public CalcomOutcome<UpstreamResponse> release(String uid, UpstreamRequest request) {
        // A hold made here is known already: no read before the delete (one Cal.com round trip less).
        Optional<BookingFacts> known = holds.flatMap(h -> h.facts(uid));
        Optional<BookingFacts> held = known.isPresent() ? known
                : guardedGet(() -> fetch(request, "/v2/slots/reservations/" + encode(uid))
                .flatMap(WriteThrough::reservation));
        CalcomOutcome<UpstreamResponse> outcome = client.call(request);
        guarded(() -> {
            if (outcome.isSuccess()) {
                holds.ifPresent(h -> h.released(uid));
                held.ifPresent(r -> changed(r, Invalidator.HostTimes.freed(List.of(r.window())),
                        Cause.SLOTGATE_RESERVATION));
            }
        });
        return outcome;
    }

    // ---------------------------------------------------------------- internals

    /** What invalidation needs of a booking or reservation. */
    public record BookingFacts(OptionalLong eventTypeId, Set<Long> hostIds, TimeRange window) {
    }

    private void changed(BookingFacts facts, Invalidator.HostTimes times, Cause cause) {
        invalidator.bookingChanged(facts.eventTypeId(), facts.hostIds(), times, cause);
    }

    private void slotTaken(long eventTypeId, Instant start, Duration length) {
        invalidator.counters().stalenessIncident();
        invalidator.eventTypeDays(eventTypeId, new TimeRange(start, start.plus(length)), Cause.SLOT_TAKEN);
    }

    /** A GET to Cal.com with the client's credentials and version; the body when it succeeded. */
    private Optional<String> fetch(UpstreamRequest original, String path) {
        UpstreamRequest get = new UpstreamRequest("GET", path, original.headers(), "", original.priority(),
                original.onBehalfOfClient());
        CalcomOutcome<UpstreamResponse> outcome = client.call(get);
        if (outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
            return Optional.of(ok.value().body());
        }
        LOG.info("could not read {} before changing it ({}); its old time is left to the TTL", path,
                outcome.getClass().getSimpleName());
        return Optional.empty();
    }

    /** BookingOutput (2024-08-13) or the older shape, one or an array (recurring bookings). */
    public static List<BookingFacts> bookings(String body) {
        JsonNode data = json(body).path("data");
        List<BookingFacts> facts = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(d -> booking(d).ifPresent(facts::add));
        } else {
            booking(data).ifPresent(facts::add);
        }
        return facts;
    }

    private static Optional<BookingFacts> booking(JsonNode d) {
        Optional<Instant> start = time(d.has("start") ? d.path("start") : d.path("startTime"));
        Optional<Instant> end = time(d.has("end") ? d.path("end") : d.path("endTime"));
        if (start.isEmpty() || end.isEmpty() || end.get().isBefore(start.get())) {
            return Optional.empty();
        }
        OptionalLong eventTypeId = id(d.path("eventTypeId"));
        if (eventTypeId.isEmpty()) {
            eventTypeId = id(d.path("eventType").path("id"));
        }
        Set<Long> hosts = new LinkedHashSet<>();
        d.path("hosts").forEach(h -> id(h.path("id")).ifPresent(hosts::add));
        id(d.path("userId")).ifPresent(hosts::add);
        return Optional.of(new BookingFacts(eventTypeId, hosts, new TimeRange(start.get(), end.get())));
    }

    /** ReservationOutput: {eventTypeId, slotStart, slotEnd, ...}; hosts are those of the event type. */
    public static Optional<BookingFacts> reservation(String body) {
        JsonNode d = json(body).path("data");
        OptionalLong eventTypeId = id(d.path("eventTypeId"));
        Optional<Instant> start = time(d.path("slotStart"));
        if (eventTypeId.isEmpty() || start.isEmpty()) {
            return Optional.empty();
        }
        Instant end = time(d.path("slotEnd")).filter(e -> !e.isBefore(start.get()))
                .orElse(start.get().plus(d.path("slotDuration").canConvertToInt()
                        ? Duration.ofMinutes(d.path("slotDuration").asInt()) : UNKNOWN_LENGTH));
        return Optional.of(new BookingFacts(eventTypeId, Set.of(), new TimeRange(start.get(), end)));
    }

    static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            // a body Cal.com accepted or sent that is not JSON: nothing can be invalidated from it, so say so
            LOG.warn("a booking call's body is not JSON; no write-through invalidation from it", e);
            return JSON.missingNode();
        }
    }

    static Optional<Instant> time(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static OptionalLong id(JsonNode node) {
        return node.isIntegralNumber() && node.asLong() > 0 ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Invalidation must not turn Cal.com's answer into a 500: a failure here is logged and the answer goes back. */
    static void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("invalidation after a booking call failed; the answer is returned anyway", e);
        }
    }

    private static <T> Optional<T> guardedGet(java.util.function.Supplier<Optional<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            LOG.warn("reading a booking before changing it failed", e);
            return Optional.empty();
        }
    }
}
