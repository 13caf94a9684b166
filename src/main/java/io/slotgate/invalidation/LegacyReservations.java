package io.slotgate.invalidation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The 2024-04-15 reservation routes through slotgate, forwarded as they came (the client's {@code uid} cookie
 * included) and, when Cal.com accepts them, patched into the cache before the answer goes back, like the current
 * routes ({@link WriteThrough#reserve}): {@code POST /v2/slots/reserve} holds the slot's time, {@code DELETE
 * /v2/slots/selected-slot} frees it again. Cal.com tells nobody about either.
 *
 * <p>The delete names only a uid, and this route has no way to read a reservation back, so the reservations forwarded
 * here are remembered by uid for as long as Cal.com keeps them ({@code NEXT_PUBLIC_MINUTES_TO_BOOK}, 5 minutes). A
 * delete of a uid this instance did not see frees nothing here: the slot comes back with the day's next refetch (a
 * false-unavailable for a while, never a false-available).
 */
public final class LegacyReservations {
    /** How long Cal.com keeps a 2024-04-15 reservation ({@code NEXT_PUBLIC_MINUTES_TO_BOOK}'s default). */
    static final Duration MINUTES_TO_BOOK = Duration.ofMinutes(5);

    private record Held(long eventTypeId, TimeRange window) {
    }

    private final CalcomClient client;
    private final Invalidator invalidator;
    private final Cache<String, List<Held>> byUid;

    public LegacyReservations(CalcomClient client, Invalidator invalidator, Clock clock) {
        this.client = client;
        this.invalidator = invalidator;
        this.byUid = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(MINUTES_TO_BOOK)
                .maximumSize(100_000)
                .build();
    }

    /** {@code POST /v2/slots/reserve}: 201 with the reservation's uid as {@code data}. */
    public CalcomOutcome<UpstreamResponse> reserve(UpstreamRequest request) {
        CalcomOutcome<UpstreamResponse> outcome = client.call(request);
        WriteThrough.guarded(() -> {
            if (outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok) {
                JsonNode body = WriteThrough.json(request.body());
                OptionalLong eventTypeId = WriteThrough.id(body.path("eventTypeId"));
                Optional<Instant> start = WriteThrough.time(body.path("slotUtcStartDate"));
                Optional<Instant> end = WriteThrough.time(body.path("slotUtcEndDate"));
                String uid = WriteThrough.json(ok.value().body()).path("data").asText("");
                boolean dryRun = body.path("_isDryRun").asBoolean(false);
                if (dryRun || eventTypeId.isEmpty() || start.isEmpty() || end.isEmpty() || end.get().isBefore(start.get())) {
                    return;
                }
                Held held = new Held(eventTypeId.getAsLong(), new TimeRange(start.get(), end.get()));
                if (!uid.isEmpty()) {
                    byUid.asMap().computeIfAbsent(uid, u -> new CopyOnWriteArrayList<>()).add(held);
                }
                invalidator.usersOwnReservationChanged(held.eventTypeId(),
                        Invalidator.HostTimes.reserved(List.of(held.window())), Cause.SLOTGATE_RESERVATION);
            }
        });
        return outcome;
    }

    /**
     * {@code DELETE /v2/slots/selected-slot}: Cal.com removes every reservation of the uid, taken from the client's
     * cookie first, else from the {@code uid} parameter.
     */
    public CalcomOutcome<UpstreamResponse> release(Optional<String> uid, UpstreamRequest request) {
        CalcomOutcome<UpstreamResponse> outcome = client.call(request);
        WriteThrough.guarded(() -> {
            if (outcome.isSuccess() && uid.isPresent()) {
                List<Held> held = byUid.asMap().remove(uid.get());
                for (Held h : held == null ? List.<Held>of() : held) {
                    invalidator.usersOwnReservationChanged(h.eventTypeId(),
                            Invalidator.HostTimes.freed(List.of(h.window())), Cause.SLOTGATE_RESERVATION);
                }
            }
        });
        return outcome;
    }
}
