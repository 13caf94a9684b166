package io.slotgate.invalidation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reservations made through slotgate ({@code POST /v2/slots/reservations}) that have not been released, by uid,
 * until Cal.com lets them lapse ({@code reservationUntil}). Cal.com announces neither a release nor an expiry, and a
 * reservation's time was patched out of every cached day at once; without this, a lapsed hold would stay out of the
 * answers until the day's next refetch, minutes of false "unavailable". {@link #sweep()} (run every second by the
 * wiring) frees the time of each lapsed hold, so the slot comes back within about a second of its expiry.
 */
public final class HeldSlots {
    private record Held(WriteThrough.BookingFacts facts, Instant until) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Invalidator invalidator;
    private final Clock clock;

    public HeldSlots(Invalidator invalidator, Clock clock) {
        this.invalidator = invalidator;
        this.clock = clock;
    }

    void reserved(String uid, WriteThrough.BookingFacts facts, Instant until) {
        held.put(uid, new Held(facts, until));
    }

    /** The hold was released through slotgate: its time is freed by the release itself. */
    void released(String uid) {
        held.remove(uid);
    }

    /** What slotgate knows of a hold it made: its facts, while it is held. */
    Optional<WriteThrough.BookingFacts> facts(String uid) {
        return Optional.ofNullable(held.get(uid)).map(Held::facts);
    }

    /** Frees the time of every hold past its {@code reservationUntil}; returns how many lapsed. */
    public int sweep() {
        Instant now = clock.instant();
        List<Held> lapsed = new ArrayList<>();
        held.entrySet().removeIf(e -> {
            if (e.getValue().until().isAfter(now)) {
                return false;
            }
            lapsed.add(e.getValue());
            return true;
        });
        for (Held h : lapsed) {
            WriteThrough.guarded(() -> invalidator.bookingChanged(h.facts().eventTypeId(), h.facts().hostIds(),
                    Invalidator.HostTimes.freed(List.of(h.facts().window())), Cause.SLOTGATE_RESERVATION));
        }
        return lapsed.size();
    }

    public int size() {
        return held.size();
    }
}
