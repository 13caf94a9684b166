package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.slotgate.emulator.EmulatorFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2024-04-15 slots controller (GET /v2/slots/available, POST /v2/slots/reserve, DELETE /v2/slots/selected-slot)
 * against ../shared/calcom/legacy-slots.md: routing by version, the validation envelope byte for byte, the success
 * shapes, the zone shifting, the TRPC 404 and the bare 500, and the reservations.
 */
class EmulatorLegacySlotsTest {
    private static final String WEEK = "eventTypeId=1001&startTime=2030-01-07T00:00:00Z&endTime=2030-01-08T00:00:00Z";
    private MutableClock clock;
    private CalcomEmulator emulator;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2030-01-06T08:00:00Z"));
        emulator = new CalcomEmulator(clock, EmulatorSettings.defaults().withLatency(LatencyModel.zero())
                .withRateLimit(10_000).withoutSlotsCache());
        DemoData.install(emulator);
    }

    // ------------------------------------------------------------------ routing

    @Test
    void everyVersionButTheCurrentSlotsOneAndNoHeaderAtAllReachTheLegacyController() {
        String current = get("/v2/slots", "eventTypeId=1001&start=2030-01-07&end=2030-01-07T23:59:59Z",
                "2024-09-04").body();
        for (String version : new String[]{null, "2024-04-15", "2024-06-11", "2024-06-14", "2024-08-13", "1999-01-01",
                "2024-04-15,2024-09-04"}) {
            EmulatorResponse legacy = get("/v2/slots/available", WEEK, version);
            assertThat(legacy.status()).as(version).isEqualTo(200);
            assertThat(legacy.body()).as(version).startsWith("{\"data\":{\"slots\":{\"2030-01-07\":[{\"time\":")
                    .endsWith("},\"status\":\"success\"}");
            assertThat(times(legacy, "time")).as("the same engine as 2024-09-04").isEqualTo(times(current, "start"));
        }
        EmulatorResponse onCurrent = get("/v2/slots/available", WEEK, "2024-09-04");
        assertThat(onCurrent.status()).isEqualTo(404);
        assertThat(json(onCurrent).at("/error/message").asText()).isEqualTo("Cannot GET /v2/slots/available?" + WEEK);
        assertThat(get("/v2/slots", "eventTypeId=1001&start=2030-01-07&end=2030-01-07", null).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ shapes

    @Test
    void itemsAreTimesOrRangesInUtcOrShiftedToTheZone() {
        JsonNode plain = json(get("/v2/slots/available", WEEK, null));
        assertThat(plain.at("/data/slots/2030-01-07/0").toString()).isEqualTo("{\"time\":\"2030-01-07T08:00:00.000Z\"}");

        JsonNode zoned = json(get("/v2/slots/available", WEEK + "&timeZone=Europe/Berlin", null));
        assertThat(zoned.at("/data/slots/2030-01-07/0").toString())
                .isEqualTo("{\"time\":\"2030-01-07T09:00:00.000+01:00\"}");
        JsonNode lowerCase = json(get("/v2/slots/available", WEEK + "&timeZone=europe/berlin", null));
        assertThat(lowerCase).isEqualTo(zoned);
        JsonNode utcByName = json(get("/v2/slots/available", WEEK + "&timeZone=UTC", null));
        assertThat(utcByName).as("Luxon's fixed UTC renders Z").isEqualTo(plain);

        for (String format : new String[]{"range", "time", "TIME"}) {
            JsonNode range = json(get("/v2/slots/available", WEEK + "&slotFormat=" + format, null));
            assertThat(range.at("/data/slots/2030-01-07/0").toString()).as("every format gives ranges: " + format)
                    .isEqualTo("{\"startTime\":\"2030-01-07T08:00:00.000Z\",\"endTime\":\"2030-01-07T08:15:00.000Z\"}");
        }
        JsonNode zonedRange = json(get("/v2/slots/available", WEEK + "&slotFormat=range&timeZone=Asia/Tokyo", null));
        assertThat(zonedRange.at("/data/slots/2030-01-07/0").toString()).isEqualTo(
                "{\"startTime\":\"2030-01-07T17:00:00.000+09:00\",\"endTime\":\"2030-01-07T17:15:00.000+09:00\"}");
        assertThat(json(get("/v2/slots/available", WEEK + "&slotFormat=", null)).at("/data/slots/2030-01-07/0/time")
                .isTextual()).as("an empty slotFormat counts as none").isTrue();
    }

    @Test
    void theRequestedZoneChangesWhichSlotsExist() {
        // Anna (Berlin, 09:00-17:00) with 60-minute slots: 08:00Z...15:00Z in UTC; in Kolkata (+05:30) 13:30 is
        // rounded up to 14:00 IST, 08:30Z, and one fewer slot fits.
        String hourly = "eventTypeId=1001&startTime=2030-01-07T00:00:00Z&endTime=2030-01-08T00:00:00Z&duration=60";
        assertThat(times(get("/v2/slots/available", hourly, null), "time")).hasSize(8).first()
                .isEqualTo("2030-01-07T08:00:00.000Z");
        List<String> kolkata = times(get("/v2/slots/available", hourly + "&timeZone=Asia/Kolkata", null), "time");
        assertThat(kolkata).hasSize(7).first().isEqualTo("2030-01-07T14:00:00.000+05:30");
    }

    @Test
    void aDateOnlyEndTimeIsThatDaysMidnightSoTheDayItselfHasNoSlots() {
        JsonNode body = json(get("/v2/slots/available", "eventTypeId=1001&startTime=2030-01-07&endTime=2030-01-08", null));
        assertThat(body.at("/data/slots").has("2030-01-07")).isTrue();
        assertThat(body.at("/data/slots").has("2030-01-08")).isFalse();
        assertThat(json(get("/v2/slots/available", "eventTypeId=1001&startTime=2030-01-08&endTime=2030-01-07", null))
                .at("/data/slots").isEmpty()).as("end before start: no check, no slots").isTrue();
    }

    @Test
    void eventTypesAreFoundBySlugAndTheFirstUsernameAndAnUnknownUserMatchesAnySlug() {
        String window = "&startTime=2030-01-07T00:00:00Z&endTime=2030-01-08T00:00:00Z";
        List<String> byId = times(get("/v2/slots/available", WEEK, null), "time");
        assertThat(times(get("/v2/slots/available", "eventTypeSlug=intro-call&usernameList[]=anna" + window, null),
                "time")).isEqualTo(byId);
        assertThat(times(get("/v2/slots/available", "eventTypeSlug=intro-call&usernameList[]=nobody" + window, null),
                "time")).isEqualTo(byId);
        assertThat(times(get("/v2/slots/available", "eventTypeSlug=sales-demo&usernameList[]=demo-team"
                + "&isTeamEvent=true" + window, null), "time"))
                .isEqualTo(times(get("/v2/slots/available", "eventTypeId=1006" + window, null), "time"));
        EmulatorResponse unknownSlug = get("/v2/slots/available", "eventTypeSlug=nope&usernameList[]=anna" + window, null);
        assertThat(unknownSlug.status()).isEqualTo(404);
    }

    @Test
    void aDurationIsNotCheckedAgainstTheEventTypesLengths() {
        JsonNode body = json(get("/v2/slots/available", WEEK + "&duration=45&slotFormat=range", null));
        assertThat(body.at("/data/slots/2030-01-07/0/endTime").asText()).isEqualTo("2030-01-07T08:45:00.000Z");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void nothingSentGetsTheValidationEnvelopeByteForByte() {
        EmulatorResponse response = get("/v2/slots/available", "", null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(withoutTimestamp(response.body())).isEqualTo("{\"status\":\"error\",\"timestamp\":\"…\","
                + "\"path\":\"/v2/slots/available\",\"error\":{\"code\":\"BadRequestException\",\"message\":\"Bad Request Exception\","
                + "\"details\":{\"errors\":[{\"target\":{},\"property\":\"startTime\",\"children\":[],\"constraints\":"
                + "{\"isDateString\":\"startTime must be a valid ISO 8601 date string\"}},{\"target\":{},\"property\":\"endTime\","
                + "\"children\":[],\"constraints\":{\"isDateString\":\"endTime must be a valid ISO 8601 date string\"}}]}}}");
    }

    @Test
    void aBadEventTypeIdEchoesTheTransformedQueryInItsOrder() {
        String query = "eventTypeId=abc&startTime=2050-09-05&endTime=2050-09-10";
        EmulatorResponse response = get("/v2/slots/available", query, null);
        assertThat(withoutTimestamp(response.body())).isEqualTo("{\"status\":\"error\",\"timestamp\":\"…\","
                + "\"path\":\"/v2/slots/available?" + query + "\",\"error\":{\"code\":\"BadRequestException\","
                + "\"message\":\"Bad Request Exception\",\"details\":{\"errors\":[{\"target\":{\"eventTypeId\":null,"
                + "\"startTime\":\"2050-09-05\",\"endTime\":\"2050-09-10\"},\"value\":null,\"property\":\"eventTypeId\","
                + "\"children\":[],\"constraints\":{\"isNumber\":\"eventTypeId must be a number conforming to the specified "
                + "constraints\"}}]}}}");
    }

    @Test
    void eachParameterHasItsOwnConstraintMessages() {
        assertThat(constraints("eventTypeId=10&startTime=2050-09-05&endTime=2050-09-10&slotFormat=foo").toString())
                .isEqualTo("{\"isEnum\":\"slotFormat must be either 'range' or 'time'\"}");
        assertThat(constraints(WEEK + "&duration=0").toString())
                .isEqualTo("{\"min\":\"Duration must be a positive number\"}");
        assertThat(constraints(WEEK + "&duration=abc").toString()).isEqualTo("{\"min\":\"Duration must be a positive "
                + "number\",\"isNumber\":\"duration must be a number conforming to the specified constraints\"}");
        assertThat(constraints(WEEK + "&usernameList=bob").toString())
                .isEqualTo("{\"isArray\":\"usernameList must be an array\"}");
        assertThat(constraints(WEEK + "&debug=true").toString()).isEqualTo("{\"isBoolean\":\"debug must be a boolean value\"}");
        assertThat(constraints(WEEK + "&routedTeamMemberIds=5").toString()).isEqualTo("{\"isNumber\":\"each value in "
                + "routedTeamMemberIds must be a number conforming to the specified constraints\",\"isArray\":"
                + "\"routedTeamMemberIds must be an array\"}");
        assertThat(constraints(WEEK + "&routingFormResponseId=3&_isDryRun=true").toString())
                .isEqualTo("{\"routingFormResponseIdValidator\":\"routingFormResponseId must be 0 for dry run\"}");
        assertThat(constraints("eventTypeId=1001&startTime=2050-02-30&endTime=2050-09-10").toString())
                .isEqualTo("{\"isDateString\":\"startTime must be a valid ISO 8601 date string\"}");
        assertThat(get("/v2/slots/available", WEEK + "&foo=bar&_enableTroubleshooter=true", null).status())
                .as("unknown parameters are dropped").isEqualTo(200);
        assertThat(get("/v2/slots/available", "eventTypeId=10abc&startTime=2030-01-07&endTime=2030-01-08", null)
                .status()).as("parseInt reads 10abc as 10, an unknown id").isEqualTo(404);
    }

    @Test
    void anUnknownEventTypeIsTheTrpcNotFoundWithoutDetails() {
        String query = "eventTypeId=42&startTime=2030-01-07&endTime=2030-01-08";
        EmulatorResponse response = get("/v2/slots/available", query, null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(withoutTimestamp(response.body())).isEqualTo("{\"status\":\"error\",\"timestamp\":\"…\",\"path\":"
                + "\"/v2/slots/available?" + query + "\",\"error\":{\"code\":\"TRPCError\","
                + "\"message\":\"The requested resource was not found\"}}");
        assertThat(get("/v2/slots/available", "startTime=2030-01-07&endTime=2030-01-08", null).status())
                .as("no id, no slug").isEqualTo(404);
    }

    @Test
    void whatTheCoreFailsOnIsNestsBareInternalServerError() {
        for (String query : new String[]{WEEK + "&timeZone=Foo/Bar", WEEK + "&timeZone=",
                "eventTypeSlug=intro-call&usernameList[]=anna&startTime=2030-01-07&endTime=2030-01-08&slotFormat=range",
                "usernameList[]=anna&usernameList[]=ben&startTime=2030-01-07&endTime=2030-01-08",
                "eventTypeId=1001&startTime=2050-W36-1&endTime=2050-09-10", WEEK + "&slotFormat=a&slotFormat=b"}) {
            EmulatorResponse response = get("/v2/slots/available", query, null);
            assertThat(response.status()).as(query).isEqualTo(500);
            assertThat(response.body()).as(query).isEqualTo("{\"statusCode\":500,\"message\":\"Internal server error\"}");
        }
    }

    // ------------------------------------------------------------------ reservations

    @Test
    void aReservationHidesTheSlotFromOthersButNotFromTheClientHoldingIt() {
        EmulatorResponse reserved = reserve("{\"eventTypeId\":1001,\"slotUtcStartDate\":\"2030-01-07T08:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T08:15:00Z\"}", null);
        assertThat(reserved.status()).isEqualTo(201);
        String uid = json(reserved).path("data").asText();
        assertThat(uid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(reserved.body()).isEqualTo("{\"status\":\"success\",\"data\":\"" + uid + "\"}");
        assertThat(reserved.headers()).containsEntry("Set-Cookie", "uid=" + uid + "; Path=/");

        assertThat(times(get("/v2/slots/available", WEEK, null), "time")).doesNotContain("2030-01-07T08:00:00.000Z");
        assertThat(times(getWithCookie(WEEK, uid), "time")).as("the holder still sees it")
                .contains("2030-01-07T08:00:00.000Z");
        assertThat(times(get("/v2/slots", "eventTypeId=1002&start=2030-01-07&end=2030-01-07", "2024-09-04"), "start"))
                .as("another event type of the same host, on the current route").doesNotContain("2030-01-07T08:00:00.000Z");

        EmulatorResponse again = reserve("{\"eventTypeId\":1001,\"slotUtcStartDate\":\"2030-01-07T09:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T09:15:00Z\"}", uid);
        assertThat(json(again).path("data").asText()).as("the cookie's uid is reused").isEqualTo(uid);

        EmulatorResponse deleted = emulator.handle(new EmulatorRequest("DELETE", "/v2/slots/selected-slot",
                Map.of("uid", List.of(uid)), Map.of(), "", null));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"status\":\"success\"}");
        assertThat(times(get("/v2/slots/available", WEEK, null), "time"))
                .contains("2030-01-07T08:00:00.000Z", "2030-01-07T09:00:00.000Z");
    }

    @Test
    void aReservationIsReleasedAfterFiveMinutes() {
        reserve("{\"eventTypeId\":1001,\"slotUtcStartDate\":\"2030-01-07T08:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T08:15:00Z\"}", null);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(times(get("/v2/slots/available", WEEK, null), "time")).doesNotContain("2030-01-07T08:00:00.000Z");
        clock.advance(Duration.ofSeconds(1));
        assertThat(times(get("/v2/slots/available", WEEK, null), "time")).contains("2030-01-07T08:00:00.000Z");
    }

    @Test
    void aTeamEventTypeOrADryRunReservesNothingButStillAnswersWithAUid() {
        String week1006 = "eventTypeId=1006&startTime=2030-01-07T00:00:00Z&endTime=2030-01-08T00:00:00Z";
        List<String> before = times(get("/v2/slots/available", week1006, null), "time");
        EmulatorResponse team = reserve("{\"eventTypeId\":1006,\"slotUtcStartDate\":\"2030-01-07T08:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T08:30:00Z\"}", null);
        assertThat(team.status()).isEqualTo(201);
        EmulatorResponse dry = reserve("{\"eventTypeId\":1001,\"slotUtcStartDate\":\"2030-01-07T08:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T08:15:00Z\",\"_isDryRun\":true}", null);
        assertThat(dry.status()).isEqualTo(201);
        assertThat(times(get("/v2/slots/available", week1006, null), "time")).isEqualTo(before);
        assertThat(times(get("/v2/slots/available", WEEK, null), "time")).contains("2030-01-07T08:00:00.000Z");
    }

    @Test
    void reserveValidatesItsBodyAndFindsTheEventType() {
        EmulatorResponse empty = reserve("", null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(withoutTimestamp(empty.body())).isEqualTo("{\"status\":\"error\",\"timestamp\":\"…\","
                + "\"path\":\"/v2/slots/reserve\",\"error\":{\"code\":\"BadRequestException\",\"message\":\"Bad Request "
                + "Exception\",\"details\":{\"errors\":[{\"target\":{},\"property\":\"eventTypeId\",\"children\":[],"
                + "\"constraints\":{\"isInt\":\"eventTypeId must be an integer number\"}},{\"target\":{},\"property\":"
                + "\"slotUtcStartDate\",\"children\":[],\"constraints\":{\"isDateString\":\"slotUtcStartDate must be a "
                + "valid ISO 8601 date string\"}},{\"target\":{},\"property\":\"slotUtcEndDate\",\"children\":[],"
                + "\"constraints\":{\"isDateString\":\"slotUtcEndDate must be a valid ISO 8601 date string\"}}]}}}");
        EmulatorResponse stringId = reserve("{\"eventTypeId\":\"10\",\"slotUtcStartDate\":\"2030-01-07T08:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T08:15:00Z\"}", null);
        assertThat(json(stringId).at("/error/details/errors/0/constraints/isInt").asText())
                .isEqualTo("eventTypeId must be an integer number");
        EmulatorResponse unknown = reserve("{\"eventTypeId\":42,\"slotUtcStartDate\":\"2030-01-07T08:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T08:15:00Z\"}", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).at("/error/message").asText()).isEqualTo("Event Type not found");
        assertThat(json(unknown).at("/error/details/statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void deletingASelectedSlotTakesTheCookieFirstAndRefusesAnArray() {
        String held = json(reserve("{\"eventTypeId\":1001,\"slotUtcStartDate\":\"2030-01-07T08:00:00Z\","
                + "\"slotUtcEndDate\":\"2030-01-07T08:15:00Z\"}", null)).path("data").asText();
        EmulatorRequest byOtherParam = new EmulatorRequest("DELETE", "/v2/slots/selected-slot",
                Map.of("uid", List.of("someone-else")), Map.of("cookie", "uid=" + held), "", null);
        assertThat(emulator.handle(byOtherParam).status()).isEqualTo(200);
        assertThat(times(get("/v2/slots/available", WEEK, null), "time")).contains("2030-01-07T08:00:00.000Z");
        EmulatorResponse array = emulator.handle(new EmulatorRequest("DELETE", "/v2/slots/selected-slot",
                Map.of("uid[]", List.of("x")), Map.of(), "", null));
        assertThat(array.status()).isEqualTo(400);
        assertThat(json(array).at("/error/details/errors/0/constraints/isString").asText())
                .isEqualTo("uid must be a string");
        assertThat(emulator.handle(new EmulatorRequest("DELETE", "/v2/slots/selected-slot", Map.of(), Map.of(), "",
                null)).status()).as("no uid: nothing to do").isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private EmulatorResponse get(String path, String query, String version) {
        Map<String, String> headers = version == null ? Map.of() : Map.of("cal-api-version", version);
        return EmulatorFixtures.get(emulator, path, query, headers);
    }

    private EmulatorResponse getWithCookie(String query, String uid) {
        return EmulatorFixtures.get(emulator, "/v2/slots/available", query, Map.of("cookie", "theme=dark; uid=" + uid));
    }

    private EmulatorResponse reserve(String body, String cookieUid) {
        Map<String, String> headers = cookieUid == null ? Map.of() : Map.of("cookie", "uid=" + cookieUid);
        return emulator.handle(EmulatorRequest.post("/v2/slots/reserve", headers, body));
    }

    private JsonNode constraints(String query) {
        EmulatorResponse response = get("/v2/slots/available", query, null);
        assertThat(response.status()).as(query).isEqualTo(400);
        return json(response).at("/error/details/errors/0/constraints");
    }

    private static List<String> times(EmulatorResponse response, String field) {
        return times(response.body(), field);
    }

    private static List<String> times(String body, String field) {
        JsonNode root = json(body);
        JsonNode byDate = root.path("data").has("slots") ? root.path("data").path("slots") : root.path("data");
        List<String> out = new ArrayList<>();
        byDate.forEach(day -> day.forEach(slot -> out.add(slot.path(field).asText())));
        return out;
    }

    private static String withoutTimestamp(String body) {
        return body.replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"…\"");
    }
}
