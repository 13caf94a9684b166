package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.time.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.slotgate.emulator.EmulatorFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both slots routes share Cal.com's core: for the same window (an end that is not a midnight, which only 2024-09-04
 * moves to 23:59:59), zone and duration, {@code GET /v2/slots/available} lists under the same date keys the same times
 * that {@code GET /v2/slots} does, as {@code time} items or, with any {@code slotFormat}, as ranges.
 */
class LegacyAndCurrentSlotsAgreeProperties {
    private static final Instant NOW = Instant.parse("2030-03-27T10:17:00Z");

    @Property(tries = 150)
    void theLegacyRouteAnswersTheCurrentRoutesSlots(@ForAll("eventTypes") long eventTypeId,
                                                    @ForAll @LongRange(min = -600, max = 20 * 1440) long startMinute,
                                                    @ForAll @LongRange(min = 1, max = 6 * 1440) long minutes,
                                                    @ForAll("zones") String zone, @ForAll @IntRange(min = 0, max = 3)
                                                    int durationPick, @ForAll boolean range) {
        CalcomEmulator emulator = new CalcomEmulator(new MutableClock(NOW),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000));
        DemoData.install(emulator);
        Instant start = NOW.plus(Duration.ofMinutes(startMinute)).plusSeconds(7);
        Instant end = start.plus(Duration.ofMinutes(minutes));
        String duration = durationPick == 0 ? "" : "&duration=" + List.of(15, 30, 60).get(durationPick - 1);
        String tz = zone.isEmpty() ? "" : "&timeZone=" + zone;
        EmulatorResponse current = get(emulator, "/v2/slots", "eventTypeId=" + eventTypeId + "&start=" + start
                + "&end=" + end + tz + duration + (range ? "&format=range" : ""), "2024-09-04");
        EmulatorResponse legacy = get(emulator, "/v2/slots/available", "eventTypeId=" + eventTypeId + "&startTime="
                + start + "&endTime=" + end + tz + duration + (range ? "&slotFormat=range" : ""), null);
        assertThat(current.status()).isEqualTo(200);
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(items(json(legacy).path("data").path("slots"), range ? "startTime" : "time", "endTime"))
                .isEqualTo(items(json(current).path("data"), "start", "end"));
    }

    @Provide
    Arbitrary<Long> eventTypes() {
        return Arbitraries.longs().between(1001, 1010);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("", "UTC", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns",
                "Pacific/Chatham", "America/New_York");
    }

    /** date key -> "start/end" strings (end only where the answer has ends). */
    private static Map<String, List<String>> items(JsonNode byDate, String start, String end) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> days = byDate.fields();
        while (days.hasNext()) {
            var day = days.next();
            List<String> slots = new ArrayList<>();
            day.getValue().forEach(s -> slots.add(s.path(start).asText() + "/" + s.path(end).asText("")));
            out.put(day.getKey(), slots);
        }
        return out;
    }

    private static EmulatorResponse get(CalcomEmulator emulator, String path, String query, String version) {
        return EmulatorFixtures.get(emulator, path, query,
                version == null ? Map.of() : Map.of("cal-api-version", version));
    }
}
