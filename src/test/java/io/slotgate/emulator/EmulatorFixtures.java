package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;

import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small tenant for the emulator tests. In June 2026 Alice (Europe/Berlin, 9-17) works 07:00-15:00Z and Bob
 * (Europe/London, 9-17) 08:00-16:00Z, Monday to Friday.
 */
final class EmulatorFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "cal_test_key";

    static final long ALICE = 1;
    static final long BOB = 2;
    /** Alice, 30 min, no buffers, no notice. */
    static final long ALICE_30 = 10;
    /** Round robin Alice + Bob, 30 min. */
    static final long TEAM_RR = 11;
    /** Collective Alice + Bob, 30 min. */
    static final long TEAM_COLLECTIVE = 12;
    /** Alice, 30 min, 15 min buffers on both sides, 15 min interval. */
    static final long ALICE_BUFFERED = 13;
    /** Alice, 30 min, 120 min minimum notice. */
    static final long ALICE_NOTICE = 14;
    /** Bob, 30 min. */
    static final long BOB_30 = 15;

    /** Monday 15 June 2026. */
    static final LocalDate MONDAY = LocalDate.of(2026, 6, 15);

    private EmulatorFixtures() {
    }

    static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    }

    static EmulatorSettings settings() {
        return EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withApiKeys(Set.of(KEY));
    }

    static CalcomEmulator tenant(MutableClock clock, EmulatorSettings settings) {
        CalcomEmulator emulator = new CalcomEmulator(clock, settings);
        var weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        emulator.addHost(new Host(ALICE, "alice", "Alice Adler", "alice@example.com", ZoneId.of("Europe/Berlin"),
                List.of(new WorkingHours(weekdays, LocalTime.of(9, 0), LocalTime.of(17, 0)))));
        emulator.addHost(new Host(BOB, "bob", "Bob Brown", "bob@example.com", ZoneId.of("Europe/London"),
                List.of(new WorkingHours(weekdays, LocalTime.of(9, 0), LocalTime.of(17, 0)))));
        emulator.addEventType(new EventTypeSpec(ALICE_30, "chat", 30, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(ALICE)));
        emulator.addEventType(new EventTypeSpec(TEAM_RR, "team-rr", 30, List.of(), null, 0, 0, 0,
                SchedulingType.ROUND_ROBIN, List.of(ALICE, BOB)));
        emulator.addEventType(new EventTypeSpec(TEAM_COLLECTIVE, "team-all", 30, List.of(), null, 0, 0, 0,
                SchedulingType.COLLECTIVE, List.of(ALICE, BOB)));
        emulator.addEventType(new EventTypeSpec(ALICE_BUFFERED, "buffered", 30, List.of(), 15, 15, 15, 0,
                SchedulingType.INDIVIDUAL, List.of(ALICE)));
        emulator.addEventType(new EventTypeSpec(ALICE_NOTICE, "notice", 30, List.of(15, 30, 60), null, 0, 0, 120,
                SchedulingType.INDIVIDUAL, List.of(ALICE)));
        emulator.addEventType(new EventTypeSpec(BOB_30, "bob-chat", 30, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(BOB)));
        return emulator;
    }

    static Instant at(LocalDate day, int hourUtc, int minute) {
        return day.atTime(hourUtc, minute).toInstant(java.time.ZoneOffset.UTC);
    }

    static List<Instant> starts(CalcomEmulator emulator, long eventTypeId, LocalDate day) {
        int length = emulator.eventType(eventTypeId).orElseThrow().lengthMinutes();
        return emulator.availableSlots(eventTypeId, length, TimeRange.utcDay(day)).stream().map(Slot::start).toList();
    }

    static String bookingBody(long eventTypeId, Instant start) {
        return """
                {"start":"%s","eventTypeId":%d,"attendee":{"name":"Carol Client","email":"carol@example.com","timeZone":"Europe/Paris"}}"""
                .formatted(start, eventTypeId);
    }

    static EmulatorResponse book(CalcomEmulator emulator, long eventTypeId, Instant start) {
        return emulator.handle(EmulatorRequest.post("/v2/bookings",
                Map.of("cal-api-version", EmulatorRequest.BOOKINGS_VERSION, "content-type", "application/json"),
                bookingBody(eventTypeId, start)));
    }

    static EmulatorResponse post(CalcomEmulator emulator, String path, String version, String body) {
        return emulator.handle(EmulatorRequest.post(path, Map.of("cal-api-version", version), body));
    }

    /** A GET as it would arrive over HTTP: {@code query} is the raw query string ("a=1&b=2"), parsed and kept. */
    static EmulatorResponse get(CalcomEmulator emulator, String path, String query, Map<String, String> headers) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
            }
        }
        return emulator.handle(new EmulatorRequest("GET", path, params, headers, "", null, query));
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(EmulatorResponse response) {
        return json(response.body());
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
