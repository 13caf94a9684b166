package io.slotgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slot must end by the window's end, on both slots routes: Cal.com clips each host's working hours to
 * [dateFrom, dateTo] ({@code processWorkingHours}, date-ranges.ts) and emits a slot while its end less one second is
 * not after its range's end ({@code buildSlotsWithDateRanges}, slots.ts). The routes differ only in the end they hand
 * the core: 2024-09-04 moves a midnight {@code end} to 23:59:59 of that day, 2024-04-15 takes {@code endTime} as
 * given. slotgate answers both exactly as Cal.com (the emulator) does, at the second of slack and for a host whose
 * working day crosses UTC midnight.
 */
class WindowEndEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 14:00-22:00 in Los Angeles (-08:00 in January) is 22:00-06:00 UTC. */
    private static final long EVENING_HOST = 9;
    /** 50 minutes, stepping by 50: from 22:00Z, 22:00, 22:50, then 23:40, which ends at 00:30 the next day. */
    private static final long FIFTY_MINUTES = 2001;
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"));
        DemoData.install(stack.emulator);
        stack.emulator.addHost(new Host(EVENING_HOST, "lee", "Lee Park", "lee@example.com",
                ZoneId.of("America/Los_Angeles"), List.of(new WorkingHours(EnumSet.range(DayOfWeek.MONDAY,
                DayOfWeek.FRIDAY), LocalTime.of(14, 0), LocalTime.of(22, 0)))));
        stack.emulator.addEventType(new EventTypeSpec(FIFTY_MINUTES, "evening", 50, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(EVENING_HOST)));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aSlotThatWouldEndAfterTheWindowsEndIsNotOfferedWithOneSecondOfSlack() throws IOException {
        // intro-call: 15 minutes with Anna, 08:00-16:00Z in January
        String[][] endsAndLastSlot = {
                {"2030-01-08T11:10:00Z", "2030-01-08T10:45:00.000Z"},
                {"2030-01-08T11:14:58Z", "2030-01-08T10:45:00.000Z"},
                {"2030-01-08T11:14:59Z", "2030-01-08T11:00:00.000Z"},  // 11:15 less one second is not after it
                {"2030-01-08T11:15:00Z", "2030-01-08T11:00:00.000Z"}};
        for (String[] c : endsAndLastSlot) {
            String current = "/v2/slots?eventTypeId=1001&start=2030-01-08T00:00:00Z&end=" + c[0];
            String legacy = "/v2/slots/available?eventTypeId=1001&startTime=2030-01-08T00:00:00Z&endTime=" + c[0];
            assertThat(last(sameAsCalcom(current, "2024-09-04"), "start")).as(current).isEqualTo(c[1]);
            assertThat(last(sameAsCalcom(legacy, null), "time")).as(legacy).isEqualTo(c[1]);
        }
    }

    @Test
    void aWorkingDayCrossingUtcMidnightIsCutAtTheEndEachRouteHandsTheCore() throws IOException {
        // cold, so each answer's buckets come from a fill with the query's own window (what a bucket filled by a call
        // that ended at 23:59:59 cannot hold is issue 16's re-laying, not this rule)
        String legacyDay = "/v2/slots/available?eventTypeId=" + FIFTY_MINUTES + "&startTime=2030-01-08&endTime=2030-01-09";
        assertThat(last(sameAsCalcom(legacyDay, null), "time")).as("23:40 would end at 00:30")
                .isEqualTo("2030-01-08T22:50:00.000Z");
        String currentDay = "/v2/slots?eventTypeId=" + FIFTY_MINUTES + "&start=2030-01-09&end=2030-01-09";
        assertThat(last(sameAsCalcom(currentDay, "2024-09-04"), "start")).as("an end of 23:59:59 cuts it the same way")
                .isEqualTo("2030-01-09T22:50:00.000Z");

        String legacyPastMidnight = "/v2/slots/available?eventTypeId=" + FIFTY_MINUTES
                + "&startTime=2030-01-10T00:00:00Z&endTime=2030-01-11T00:30:00Z";
        assertThat(last(sameAsCalcom(legacyPastMidnight, null), "time")).as("ending at 00:30 exactly, 23:40 fits")
                .isEqualTo("2030-01-10T23:40:00.000Z");
        stack.close();
        start();
        String currentPastMidnight = "/v2/slots?eventTypeId=" + FIFTY_MINUTES
                + "&start=2030-01-10T00:00:00Z&end=2030-01-11T00:30:00Z";
        assertThat(last(sameAsCalcom(currentPastMidnight, "2024-09-04"), "start"))
                .isEqualTo("2030-01-10T23:40:00.000Z");
        assertThat(first(sameAsCalcom(currentPastMidnight, "2024-09-04"), "start"))
                .as("the range of the evening before is clipped at the window's start, its run restarts there")
                .isEqualTo("2030-01-10T00:00:00.000Z");
    }

    private String sameAsCalcom(String path, String version) {
        HttpResponse<String> calcom = stack.calcom(path, version);
        HttpResponse<String> slotgate = stack.slotgate(path, version);
        assertThat(calcom.statusCode()).as(path).isEqualTo(200);
        assertThat(slotgate.headers().firstValue("X-Cache")).as(path).isNotEqualTo(java.util.Optional.of("BYPASS"));
        assertThat(slotgate.body()).as(path).isEqualTo(calcom.body());
        return slotgate.body();
    }

    private static String last(String body, String field) throws IOException {
        List<String> all = times(body, field);
        return all.get(all.size() - 1);
    }

    private static String first(String body, String field) throws IOException {
        return times(body, field).get(0);
    }

    private static List<String> times(String body, String field) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode byDate = root.path("data").has("slots") ? root.path("data").path("slots") : root.path("data");
        List<String> out = new ArrayList<>();
        byDate.forEach(day -> day.forEach(slot -> out.add(slot.path(field).asText())));
        return out;
    }
}
