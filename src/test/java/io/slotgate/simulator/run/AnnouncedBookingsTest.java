package io.slotgate.simulator.run;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorResponse;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.slots.Slot;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which offered slots slotgate could have known to be booked, and since when (the demo tenant, Monday 7 January). */
class AnnouncedBookingsTest {
    private static final Instant T0 = Instant.parse("2030-01-07T06:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final CalcomEmulator emulator = new CalcomEmulator(clock, EmulatorSettings.defaults());
    private final AnnouncedBookings announced = new AnnouncedBookings(emulator);

    @BeforeEach
    void tenant() {
        DemoData.install(emulator);
    }

    private String book(long eventTypeId, String start) {
        EmulatorResponse r = emulator.handle(EmulatorRequest.post("/v2/bookings",
                Map.of("cal-api-version", "2024-08-13", "content-type", "application/json"),
                "{\"start\":\"" + start + "\",\"eventTypeId\":" + eventTypeId + ",\"attendee\":{\"name\":\"A\","
                        + "\"email\":\"a@example.com\",\"timeZone\":\"Europe/Berlin\"}}").withClientIp("198.51.100.1"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return BookingUids.uidOf(r.body()).orElseThrow();
    }

    private Optional<Instant> since(long eventTypeId, String start, int minutes) {
        EventTypeSpec type = emulator.eventType(eventTypeId).orElseThrow();
        return announced.knownBookedSince(type, Slot.of(Instant.parse(start), Duration.ofMinutes(minutes)));
    }

    @Test
    void aBookingIsUnknownUntilAnnouncedAndKnownFromItsFirstAnnouncement() {
        String uid = book(1001, "2030-01-07T10:00:00Z");
        assertThat(since(1001, "2030-01-07T10:00:00Z", 15)).isEmpty();

        announced.announced(uid, T0.plusSeconds(5));
        announced.announced(uid, T0.plusSeconds(9)); // the webhook after the booking call's own answer
        assertThat(since(1001, "2030-01-07T10:00:00Z", 15)).contains(T0.plusSeconds(5));
        assertThat(since(1001, "2030-01-07T10:15:00Z", 15)).as("the next slot is free").isEmpty();
    }

    @Test
    void aBookingBlocksTheSameHostsOtherEventTypesByCalcomsBufferRule() {
        announced.announced(book(1001, "2030-01-07T10:00:00Z"), T0);
        // consultation (Anna, 30 min, 10 min after-buffer): 09:30 ends at 10:00, +10 min reaches into the booking
        assertThat(since(1002, "2030-01-07T09:30:00Z", 30)).contains(T0);
        assertThat(since(1002, "2030-01-07T09:15:00Z", 30)).as("ends 09:45, buffer to 09:55").isEmpty();
        assertThat(since(1002, "2030-01-07T10:15:00Z", 30)).isEmpty();
        // design review (collective, Anna and Oliver): one busy host is enough
        assertThat(since(1008, "2030-01-07T10:00:00Z", 60)).contains(T0);
        // office hours (Priya) shares no host
        assertThat(since(1004, "2030-01-07T10:00:00Z", 30)).isEmpty();
    }

    @Test
    void aRoundRobinSlotIsKnownBookedOnlyOnceEveryHostIs() {
        // sales demo: Anna, Ben or Oliver, whoever is free
        announced.announced(book(1001, "2030-01-07T14:00:00Z"), T0.plusSeconds(1)); // Anna
        announced.announced(book(1005, "2030-01-07T14:00:00Z"), T0.plusSeconds(2)); // Oliver
        assertThat(since(1006, "2030-01-07T14:00:00Z", 30)).as("Ben is still free").isEmpty();

        announced.announced(book(1003, "2030-01-07T14:00:00Z"), T0.plusSeconds(3)); // Ben
        assertThat(since(1006, "2030-01-07T14:00:00Z", 30)).as("known once the last host was").contains(
                T0.plusSeconds(3));
    }

    @Test
    void aCancelledBookingNoLongerMakesItsSlotKnownBooked() {
        String uid = book(1001, "2030-01-07T10:00:00Z");
        announced.announced(uid, T0);
        EmulatorResponse cancel = emulator.handle(EmulatorRequest.post("/v2/bookings/" + uid + "/cancel",
                Map.of("cal-api-version", "2024-08-13", "content-type", "application/json"),
                "{\"cancellationReason\":\"no\"}").withClientIp("198.51.100.1"));
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(since(1001, "2030-01-07T10:00:00Z", 15)).isEmpty();
    }
}
