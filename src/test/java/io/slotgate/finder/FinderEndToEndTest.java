package io.slotgate.finder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finder endpoints over real sockets, in front of the emulator. Demo event type 1001 is Anna's: Berlin,
 * Monday to Friday 09:00-17:00, 15 minutes, 60 minutes' notice. The clock starts on Sunday 2030-01-06, 08:00Z.
 */
class FinderEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SUNDAY = Instant.parse("2030-01-06T08:00:00Z");
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(SUNDAY);
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    // ------------------------------------------------------------------ next available

    @Test
    void nextAvailableSkipsTheWeekendAndRendersInTheRequestedZone() throws Exception {
        HttpResponse<String> response = stack.slotgate("/v1/finder/next?eventTypeId=1001&timeZone=Europe/Berlin");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = data(response);
        assertThat(data.path("found").asBoolean()).isTrue();
        assertThat(data.path("slot").path("start").asText()).isEqualTo("2030-01-07T09:00:00.000+01:00");
        assertThat(data.path("slot").path("end").asText()).isEqualTo("2030-01-07T09:15:00.000+01:00");
        assertThat(data.path("searched").path("from").asText()).isEqualTo("2030-01-06T09:00:00.000+01:00");
        assertThat(data.path("searched").path("until").asText()).isEqualTo("2030-01-20T09:00:00.000+01:00");
        assertThat(data.path("searched").path("days").asInt()).isEqualTo(14);
        assertThat(response.headers().firstValue("X-Cache")).contains("MISS");
    }

    @Test
    void nextAvailableSkipsAFullyBookedDay() throws Exception {
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-07T00:00:00Z"),
                Instant.parse("2030-01-08T00:00:00Z"));
        JsonNode data = data(stack.slotgate("/v1/finder/next?eventTypeId=1001&after=2030-01-07"));
        assertThat(data.path("slot").path("start").asText()).isEqualTo("2030-01-08T08:00:00.000Z");
    }

    @Test
    void nextAvailableAfterTheEndOfAWorkingDayIsTheNextMorningSeenFromAnotherZone() throws Exception {
        // 16:00Z is 17:00 in Berlin, the end of Anna's day; her next slot, Tuesday 09:00 Berlin, is midnight in LA
        JsonNode data = data(stack.slotgate(
                "/v1/finder/next?eventTypeId=1001&after=2030-01-07T16:00:00Z&timeZone=America/Los_Angeles"));
        assertThat(data.path("slot").path("start").asText()).isEqualTo("2030-01-08T00:00:00.000-08:00");
        data = data(stack.slotgate(
                "/v1/finder/next?eventTypeId=1001&after=2030-01-07T16:00:00%2B05:30&timeZone=Asia/Kolkata&duration=15"));
        assertThat(data.path("slot").path("start").asText()).isEqualTo("2030-01-07T16:00:00.000+05:30");
    }

    @Test
    void noSlotWithinTheHorizonIsAnExplicitAnswerNotAnError() throws Exception {
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-06T00:00:00Z"),
                Instant.parse("2030-01-14T00:00:00Z"));
        HttpResponse<String> response = stack.slotgate("/v1/finder/next?eventTypeId=1001&days=3");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = data(response);
        assertThat(data.path("found").asBoolean()).isFalse();
        assertThat(data.path("slot").isNull()).isTrue();
        assertThat(data.path("message").asText()).isEqualTo("no slot within 3 days");

        JsonNode wider = data(stack.slotgate("/v1/finder/next?eventTypeId=1001&days=14"));
        assertThat(wider.path("slot").path("start").asText()).isEqualTo("2030-01-14T08:00:00.000Z");
    }

    @Test
    void aLongSearchAsksCalcomOneWeekThenFortnightsAndStopsAtTheFirstSlot() throws Exception {
        // Anna is busy until Monday 2030-03-04: the search runs Jan 6-12, Jan 13-26, Jan 27-Feb 9, Feb 10-23,
        // Feb 24-Mar 9 (found), and asks nothing beyond.
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-03-04T00:00:00Z"));
        JsonNode data = data(stack.slotgate("/v1/finder/next?eventTypeId=1001&days=90"));
        assertThat(data.path("slot").path("start").asText()).isEqualTo("2030-03-04T08:00:00.000Z");
        List<String> asked = stack.emulator.requests().stream()
                .filter(r -> r.path().equals("/v2/slots"))
                .map(r -> r.query().get("start").get(0).substring(0, 10) + "/" + r.query().get("end").get(0).substring(0, 10))
                .toList();
        assertThat(asked).containsExactly("2030-01-06/2030-01-12", "2030-01-13/2030-01-26",
                "2030-01-27/2030-02-09", "2030-02-10/2030-02-23", "2030-02-24/2030-03-09");
    }

    // ------------------------------------------------------------------ one source of truth

    @Test
    void finderAnswersOnDaysAlreadyCachedMakeNoUpstreamCall() throws Exception {
        HttpResponse<String> first = stack.slotgate("/v1/finder/window?eventTypeId=1001&start=2030-01-06&end=2030-01-19");
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        long calls = stack.upstreamSlotCalls();

        stack.clock.advance(Duration.ofSeconds(12));
        HttpResponse<String> next = stack.slotgate("/v1/finder/next?eventTypeId=1001&timeZone=Europe/Berlin");
        HttpResponse<String> again = stack.slotgate("/v1/finder/window?eventTypeId=1001&start=2030-01-06&end=2030-01-19");
        HttpResponse<String> alternatives = stack.slotgate(
                "/v1/finder/alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z&radiusDays=3");
        HttpResponse<String> slots = stack.slotgate("/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-11");

        assertThat(stack.upstreamSlotCalls()).isEqualTo(calls);
        for (HttpResponse<String> cached : List.of(next, again, alternatives, slots)) {
            assertThat(cached.statusCode()).isEqualTo(200);
            assertThat(cached.headers().firstValue("X-Cache")).as(cached.uri().toString()).contains("HIT");
            assertThat(cached.headers().firstValue("Age")).as(cached.uri().toString()).contains("12");
        }
    }

    @Test
    void aFinderQueryUsesTheBucketsASlotsQueryFilled() {
        stack.slotgate("/v2/slots?eventTypeId=1006&start=2030-01-06&end=2030-01-12&timeZone=Europe/Berlin");
        long calls = stack.upstreamSlotCalls();
        HttpResponse<String> next = stack.slotgate("/v1/finder/next?eventTypeId=1006&days=5");
        assertThat(next.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(stack.upstreamSlotCalls()).isEqualTo(calls);
        HttpResponse<String> longer = stack.slotgate("/v1/finder/window?eventTypeId=1006&start=2030-01-10&end=2030-01-14");
        assertThat(longer.headers().firstValue("X-Cache")).contains("PARTIAL");
        assertThat(stack.upstreamSlotCalls()).isEqualTo(calls + 1);
    }

    @Test
    void aWindowHoldsExactlyTheSlotsOfTheSameSlotsQuery() throws Exception {
        for (String q : List.of(
                "eventTypeId=1001&start=2030-01-06&end=2030-01-12",
                "eventTypeId=1002&start=2030-01-07T10:00:00Z&end=2030-01-09T15:30:00Z&timeZone=America/New_York&duration=60",
                "eventTypeId=1004&start=2030-01-07&end=2030-01-20&timeZone=Asia/Kolkata",
                "eventTypeId=1007&start=2030-01-08T00:00:00Z&end=2030-02-20T00:00:00Z&timeZone=Pacific/Chatham",
                "eventTypeId=1010&start=2030-01-06&end=2030-01-10&duration=15&timeZone=Europe/London")) {
            JsonNode window = data(stack.slotgate("/v1/finder/window?" + q));
            List<String> finderSlots = new ArrayList<>();
            window.path("slots").forEach(s -> finderSlots.add(s.path("start").asText() + "/" + s.path("end").asText()));
            assertThat(window.path("count").asInt()).isEqualTo(finderSlots.size());

            List<String> viaSlotgate = flatten(stack.slotgate("/v2/slots?format=range&" + q).body());
            List<String> viaCalcom = flatten(stack.calcom("/v2/slots?format=range&" + q).body());
            assertThat(finderSlots).as(q).isNotEmpty().isEqualTo(viaSlotgate).isEqualTo(viaCalcom);
        }
    }

    // ------------------------------------------------------------------ alternatives

    @Test
    void alternativesOnTheWantedDayComeFirstByDistanceToTheWantedTime() throws Exception {
        // 10:07 Berlin on Wednesday: 10:00 is 7 minutes off, 10:15 is 8, 09:45 is 22
        JsonNode data = data(stack.slotgate("/v1/finder/alternatives?eventTypeId=1001"
                + "&wanted=2030-01-09T10:07:00%2B01:00&timeZone=Europe/Berlin"));
        assertThat(starts(data)).containsExactly("2030-01-09T10:00:00.000+01:00", "2030-01-09T10:15:00.000+01:00",
                "2030-01-09T09:45:00.000+01:00");
        assertThat(data.path("slots").findValuesAsText("dayOffset")).containsOnly("0");
        assertThat(data.path("slots").findValuesAsText("minutesAway")).containsExactly("7", "8", "22");
        assertThat(data.path("wantedAvailable").asBoolean()).isFalse();
        assertThat(data.path("radiusDays").asInt()).isEqualTo(7);
    }

    @Test
    void aFreeWantedTimeIsOfferedFirstAndSaysSo() throws Exception {
        JsonNode data = data(stack.slotgate("/v1/finder/alternatives?eventTypeId=1001"
                + "&wanted=2030-01-09T09:00:00Z&count=2&timeZone=Europe/Berlin"));
        assertThat(data.path("wantedAvailable").asBoolean()).isTrue();
        assertThat(starts(data)).containsExactly("2030-01-09T10:00:00.000+01:00", "2030-01-09T09:45:00.000+01:00");
    }

    @Test
    void whenTheWantedDayIsFullTheDaysAroundItAlternateBeforeAndAfter() throws Exception {
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-08T23:00:00Z"),
                Instant.parse("2030-01-09T23:00:00Z"));
        JsonNode data = data(stack.slotgate("/v1/finder/alternatives?eventTypeId=1001"
                + "&wanted=2030-01-09T10:07:00%2B01:00&count=6&timeZone=Europe/Berlin"));
        assertThat(starts(data)).containsExactly(
                "2030-01-08T10:00:00.000+01:00", "2030-01-10T10:00:00.000+01:00",
                "2030-01-08T10:15:00.000+01:00", "2030-01-10T10:15:00.000+01:00",
                "2030-01-08T09:45:00.000+01:00", "2030-01-10T09:45:00.000+01:00");
        assertThat(data.path("slots").findValuesAsText("dayOffset")).containsExactly("-1", "1", "-1", "1", "-1", "1");
    }

    @Test
    void alternativesAcrossAWeekendReachTheNearestWorkingDays() throws Exception {
        // wanted Saturday noon in Berlin: Friday (1 day before) and Monday (2 days after) are the nearest
        JsonNode data = data(stack.slotgate("/v1/finder/alternatives?eventTypeId=1001"
                + "&wanted=2030-01-12T12:00:00%2B01:00&count=3&timeZone=Europe/Berlin"));
        assertThat(starts(data)).containsExactly("2030-01-11T12:00:00.000+01:00", "2030-01-11T11:45:00.000+01:00",
                "2030-01-11T12:15:00.000+01:00");
        JsonNode wide = data(stack.slotgate("/v1/finder/alternatives?eventTypeId=1001"
                + "&wanted=2030-01-12T12:00:00%2B01:00&count=50&radiusDays=2&timeZone=Europe/Berlin"));
        // ring 1 is Friday alone (32 slots); ring 2 alternates Thursday and Monday
        List<String> offsets = wide.path("slots").findValuesAsText("dayOffset");
        assertThat(offsets.subList(0, 32)).containsOnly("-1");
        assertThat(offsets.subList(32, 38)).containsExactly("-2", "2", "-2", "2", "-2", "2");
    }

    @Test
    void alternativesAreNeverInThePastNorInsideTheNotice() throws Exception {
        stack.clock.set(Instant.parse("2030-01-09T09:30:00Z"));   // Wednesday 10:30 Berlin; notice 60 min
        JsonNode data = data(stack.slotgate("/v1/finder/alternatives?eventTypeId=1001"
                + "&wanted=2030-01-09T09:00:00Z&count=50&radiusDays=2&timeZone=Europe/Berlin"));
        Instant earliest = Instant.parse("2030-01-09T10:30:00Z");
        assertThat(data.path("slots").size()).isEqualTo(50);
        assertThat(starts(data)).allSatisfy(start ->
                assertThat(OffsetDateTime.parse(start).toInstant()).isAfterOrEqualTo(earliest));
        assertThat(starts(data).get(0)).isEqualTo("2030-01-09T11:30:00.000+01:00");
        assertThat(data.path("slots").findValuesAsText("dayOffset")).doesNotContain("-1", "-2");
        assertThat(stack.emulator.requests().stream().filter(r -> r.path().equals("/v2/slots"))
                .map(r -> r.query().get("start").get(0)))
                .as("days already past are not asked for").allSatisfy(start -> assertThat(start).isGreaterThanOrEqualTo("2030-01-09"));
    }

    // ------------------------------------------------------------------ errors

    @Test
    void badInputIsA400NamingTheFieldAndNeverReachesCalcom() throws Exception {
        String[][] cases = {
                {"next?after=2030-01-07", "eventTypeId"},
                {"next?eventTypeId=abc", "eventTypeId"},
                {"next?eventTypeId=0", "eventTypeId"},
                {"next?eventTypeId=1001&after=tomorrow", "after"},
                {"next?eventTypeId=1001&after=99999-01-01", "after"},
                {"next?eventTypeId=1001&days=0", "days"},
                {"next?eventTypeId=1001&days=91", "days"},
                {"next?eventTypeId=1001&days=two", "days"},
                {"next?eventTypeId=1001&days=3&days=4", "days"},
                {"next?eventTypeId=1001&timeZone=Mars/Olympus", "timeZone"},
                {"next?eventTypeId=1001&duration=0", "duration"},
                {"next?eventTypeId=1001&duration=1441", "duration"},
                {"next?eventTypeId=1001&start=2030-01-07", "start"},
                {"window?eventTypeId=1001&end=2030-01-08", "start"},
                {"window?eventTypeId=1001&start=2030-01-07", "end"},
                {"window?eventTypeId=1001&start=2030-13-07&end=2030-01-08", "start"},
                {"window?eventTypeId=1001&start=2030-01-07&end=soon", "end"},
                {"window?eventTypeId=1001&start=2030-01-09&end=2030-01-08", "end"},
                {"window?eventTypeId=1001&start=2030-01-01&end=2030-06-01", "end must be at most 90 days after start, got 151"},
                {"window?eventTypeId=x&start=2030-01-07&end=2030-01-08", "eventTypeId"},
                {"window?eventTypeId=1001&start=2030-01-07&end=2030-01-08&timeZone=Nowhere", "timeZone"},
                {"window?eventTypeId=1001&start=2030-01-07&end=2030-01-08&days=3", "days"},
                {"alternatives?eventTypeId=1001", "wanted"},
                {"alternatives?eventTypeId=1001&wanted=noon", "wanted"},
                {"alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z&count=0", "count"},
                {"alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z&count=51", "count"},
                {"alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z&radiusDays=31", "radiusDays"},
                {"alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z&radiusDays=-1", "radiusDays"},
                {"alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z&duration=x", "duration"},
                {"alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z&after=2030-01-09", "after"}};
        for (String[] bad : cases) {
            HttpResponse<String> response = stack.slotgate("/v1/finder/" + bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("error");
            assertThat(body.path("error").path("code").asText()).isEqualTo("BadRequestException");
            assertThat(body.path("error").path("message").asText()).as(bad[0]).contains(bad[1]);
            assertThat(body.path("path").asText()).as(bad[0]).startsWith("/v1/finder/");
        }
        assertThat(stack.emulator.requestCount("/v2/")).isZero();
    }

    @Test
    void calcomUnreachableIsA503WithRetryAfterNeverAnEmptyAnswer() throws Exception {
        stack.emulatorServer.close();
        for (String path : List.of("/v1/finder/next?eventTypeId=1001",
                "/v1/finder/window?eventTypeId=1001&start=2030-01-07&end=2030-01-08",
                "/v1/finder/alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z")) {
            HttpResponse<String> response = stack.slotgate(path);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(path).isPresent();
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("error");
            assertThat(body.path("error").path("message").asText()).contains("Cal.com");
        }
    }

    @Test
    void anUnknownEventTypeGetsCalcomsOwnRefusal() throws Exception {
        HttpResponse<String> response = stack.slotgate("/v1/finder/next?eventTypeId=999999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).isEqualTo("Event Type not found");
    }

    @Test
    void namedTenantsHaveTheirFinderUnderTheirPrefix() throws Exception {
        try (Stack multi = Stack.start(SUNDAY, "acme")) {
            DemoData.install(multi.emulator);
            for (String endpoint : List.of("next?eventTypeId=1001",
                    "window?eventTypeId=1001&start=2030-01-07&end=2030-01-08",
                    "alternatives?eventTypeId=1001&wanted=2030-01-09T10:00:00Z")) {
                HttpResponse<String> acme = multi.get(multi.slotgateUrl() + "/tenants/acme/v1/finder/" + endpoint);
                assertThat(acme.statusCode()).as(endpoint).isEqualTo(200);
                assertThat(JSON.readTree(acme.body()).path("status").asText()).isEqualTo("success");
            }
            assertThat(multi.get(multi.slotgateUrl() + "/v1/finder/next?eventTypeId=1001").headers()
                    .firstValue("X-Cache")).as("tenants do not share buckets").contains("MISS");
            HttpResponse<String> unknown = multi.get(multi.slotgateUrl() + "/tenants/nobody/v1/finder/next?eventTypeId=1001");
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.path("status").asText()).isEqualTo("success");
        return root.path("data");
    }

    private static List<String> starts(JsonNode data) {
        List<String> starts = new ArrayList<>();
        data.path("slots").forEach(s -> starts.add(s.path("start").asText()));
        return starts;
    }

    private static List<String> flatten(String slotsBody) throws Exception {
        List<String> slots = new ArrayList<>();
        for (JsonNode day : JSON.readTree(slotsBody).path("data")) {
            day.forEach(s -> slots.add(s.path("start").asText() + "/" + s.path("end").asText()));
        }
        return slots;
    }
}
