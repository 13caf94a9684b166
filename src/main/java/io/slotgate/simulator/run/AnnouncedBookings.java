package io.slotgate.simulator.run;

import static io.slotgate.time.Instants.max;
import static io.slotgate.time.Instants.min;

import io.slotgate.emulator.Booking;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bookings slotgate has been told of, and since when: the arrival of the booking's webhook (BOOKING_CREATED, or
 * BOOKING_RESCHEDULED for the new booking), or the return of the booking call made through slotgate, whichever came
 * first. From them, whether an offered slot is one slotgate could have known to be booked.
 *
 * <p>A booking blocks a slot by Cal.com's rule (NOTES §4, the emulator's {@code Model.Busy}): the booking's hosts are
 * busy over its time widened by its own event type's buffers, and the slot needs its host free over its time widened
 * by the offered event type's buffers. An individual or collective slot is known to be booked as soon as one of its
 * hosts is; a round-robin slot only once every host is, by announced bookings alone (a round-robin bucket does not
 * record which host was free, so one announced booking does not make it certain).
 */
final class AnnouncedBookings {
    private record Announced(String uid, Instant busyFrom, Instant busyTo, Instant at) {
    }

    private final CalcomEmulator emulator;
    private final Map<String, Announced> byUid = new HashMap<>();
    private final Map<Long, List<Announced>> byHost = new HashMap<>();

    AnnouncedBookings(CalcomEmulator emulator) {
        this.emulator = emulator;
    }

    /** slotgate learned of the booking at {@code at}; a later word of the same booking changes nothing. */
    void announced(String uid, Instant at) {
        if (byUid.containsKey(uid)) {
            return;
        }
        emulator.booking(uid).ifPresent(b -> {
            Optional<EventTypeSpec> own = emulator.eventType(b.eventTypeId());
            Announced a = new Announced(uid,
                    b.start().minus(Duration.ofMinutes(own.map(EventTypeSpec::beforeBufferMinutes).orElse(0))),
                    b.end().plus(Duration.ofMinutes(own.map(EventTypeSpec::afterBufferMinutes).orElse(0))), at);
            byUid.put(uid, a);
            for (long host : b.hostIds()) {
                byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(a);
            }
        });
    }

    /** Since when bookings slotgate was told of (and that still stand) make this slot unbookable, if they do. */
    Optional<Instant> knownBookedSince(EventTypeSpec type, Slot slot) {
        Instant from = slot.start().minus(Duration.ofMinutes(type.beforeBufferMinutes()));
        Instant to = slot.end().plus(Duration.ofMinutes(type.afterBufferMinutes()));
        boolean everyHost = type.schedulingType() == SchedulingType.ROUND_ROBIN;
        Instant since = null;
        for (long host : type.hostIds()) {
            Optional<Instant> hostSince = hostBusySince(host, from, to);
            if (hostSince.isEmpty()) {
                if (everyHost) {
                    return Optional.empty();
                }
                continue;
            }
            Instant h = hostSince.get();
            // round robin: known once the last host is known busy; otherwise once the first is
            since = since == null ? h : everyHost ? max(since, h) : min(since, h);
        }
        return Optional.ofNullable(since);
    }

    private Optional<Instant> hostBusySince(long host, Instant from, Instant to) {
        Instant since = null;
        for (Announced a : byHost.getOrDefault(host, List.of())) {
            if (a.busyFrom().isBefore(to) && from.isBefore(a.busyTo()) && stillStands(a)) {
                since = since == null ? a.at() : min(since, a.at());
            }
        }
        return Optional.ofNullable(since);
    }

    private boolean stillStands(Announced a) {
        return emulator.booking(a.uid()).map(Booking::isAccepted).orElse(false);
    }
}
