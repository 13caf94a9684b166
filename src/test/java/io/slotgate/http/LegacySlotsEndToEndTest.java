package io.slotgate.http;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v2/slots/available} (Cal.com's 2024-04-15 route) through slotgate, over real sockets: answered from the
 * same day buckets as {@code GET /v2/slots}, byte for byte as Cal.com (the emulator) answers, for every version that
 * reaches that controller; malformed queries get Cal.com's 400 without a call; what buckets cannot answer passes
 * through.
 */
class LegacySlotsEndToEndTest {
    private static final String DAYS = "/v2/slots/available?eventTypeId=1006&startTime=2030-01-08&endTime=2030-01-11";
    /** Every cal-api-version the 2024-04-15 controller answers for: its four, an unknown one, and none at all. */
    private static final List<String> LEGACY_VERSIONS =
            Arrays.asList(null, "2024-04-15", "2024-06-11", "2024-06-14", "2024-08-13", "2023-01-01");
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"));
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aLegacyQueryIsAnsweredAsCalcomAnswersItAndItsRepeatIsAHit() {
        for (String suffix : List.of("", "&timeZone=Europe/Berlin", "&slotFormat=range", "&slotFormat=TIME&timeZone=UTC",
                "&timeZone=america/new_york&duration=60", "&timeZone=Europe/London&slotFormat=range&duration=15")) {
            String path = DAYS + suffix;
            HttpResponse<String> first = stack.slotgate(path, null);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            assertThat(first.body()).as(path).isEqualTo(stack.calcom(path, null).body());
            long calls = stack.emulator.requestCount("/v2/");
            HttpResponse<String> again = stack.slotgate(path, null);
            assertThat(again.headers().firstValue("X-Cache")).as(path).contains("HIT");
            assertThat(again.body()).as(path).isEqualTo(first.body());
            assertThat(stack.emulator.requestCount("/v2/")).as("a repeat makes no Cal.com call").isEqualTo(calls);
        }
        assertThat(stack.emulator.requestCount("/v2/slots/available"))
                .as("slotgate fills from GET /v2/slots; only the test asked the legacy route").isEqualTo(6);
    }

    @Test
    void everyVersionThatReachesTheLegacyControllerIsServedFromTheCache() {
        String expected = stack.calcom(DAYS, null).body();
        for (String version : LEGACY_VERSIONS) {
            HttpResponse<String> answer = stack.slotgate(DAYS, version);
            assertThat(answer.statusCode()).as(version).isEqualTo(200);
            assertThat(answer.body()).as(version).isEqualTo(expected);
            assertThat(answer.headers().firstValue("X-Cache")).as(version).isIn(
                    java.util.Optional.of("MISS"), java.util.Optional.of("HIT"));
        }
        assertThat(stack.upstreamSlotCalls() - stack.emulator.requestCount("/v2/slots/available"))
                .as("one fill for all six (the test asked the emulator once, on its legacy route)").isEqualTo(1);
        HttpResponse<String> current = stack.slotgate(DAYS, "2024-09-04");
        assertThat(current.statusCode()).as("the 2024-09-04 controller has no such route").isEqualTo(404);
        assertThat(current.headers().firstValue("X-Cache")).contains("BYPASS");
        assertThat(current.body()).contains("Cannot GET /v2/slots/available?eventTypeId=1006");
    }

    @Test
    void aCurrentQueryAndALegacyQueryForTheSameDaysCostOneFillBetweenThem() {
        String current = "/v2/slots?eventTypeId=1002&start=2030-01-08&end=2030-01-10&timeZone=Europe/Berlin";
        String legacy = "/v2/slots/available?eventTypeId=1002&startTime=2030-01-08&endTime=2030-01-11"
                + "&timeZone=Europe/Berlin";
        assertThat(stack.slotgate(current).headers().firstValue("X-Cache")).contains("MISS");
        HttpResponse<String> second = stack.slotgate(legacy, null);
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(stack.upstreamSlotCalls()).as("one fill, and the legacy route never asked").isEqualTo(1);
        assertThat(second.body()).isEqualTo(stack.calcom(legacy, null).body());

        stack.emulator.clearRequests();
        String legacyFirst = "/v2/slots/available?eventTypeId=1004&startTime=2030-01-08&endTime=2030-01-10";
        String currentSecond = "/v2/slots?eventTypeId=1004&start=2030-01-08&end=2030-01-09&format=range";
        assertThat(stack.slotgate(legacyFirst, "2024-06-14").headers().firstValue("X-Cache")).contains("MISS");
        HttpResponse<String> then = stack.slotgate(currentSecond);
        assertThat(then.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(stack.upstreamSlotCalls()).isEqualTo(1);
        assertThat(stack.emulator.requestCount("/v2/slots/available")).isZero();
        assertThat(then.body()).isEqualTo(stack.calcom(currentSecond).body());
    }

    @Test
    void malformedQueriesGetCalcomsValidationBodyWithoutACall() {
        for (String query : List.of("", "?eventTypeId=abc&startTime=2050-09-05&endTime=2050-09-10",
                "?eventTypeId=1001&startTime=2050-09-05&endTime=2050-09-10&slotFormat=foo",
                "?eventTypeId=1001&startTime=2050-09-05&endTime=2050-09-10&duration=0",
                "?eventTypeId=1001&startTime=2050-09-05&endTime=2050-09-10&duration=abc",
                "?eventTypeId=1001&startTime=2050-02-30&endTime=2050-09-10",
                "?eventTypeId=1001&startTime=2050-09-05&endTime=2050-09-10&debug=true",
                "?eventTypeId=1001&startTime=2050-09-05&endTime=2050-09-10&usernameList=bob",
                "?eventTypeId=1001&startTime=2050-09-05&endTime=2050-09-10&routedTeamMemberIds=5",
                "?endTime=2050-09-10&foo=bar&eventTypeId=abc&startTime=2050-09")) {
            String path = "/v2/slots/available" + query;
            HttpResponse<String> calcom = stack.calcom(path, null);
            long calls = stack.emulator.requestCount("/v2/");
            HttpResponse<String> slotgate = stack.slotgate(path, null);
            assertThat(slotgate.statusCode()).as(path).isEqualTo(calcom.statusCode());
            assertThat(withoutTimestamp(slotgate.body())).as(path).isEqualTo(withoutTimestamp(calcom.body()));
            assertThat(stack.emulator.requestCount("/v2/")).as(path).isEqualTo(calls);
        }
    }

    @Test
    void inputCalcomFailsOnWithAnInternalErrorGetsAFourHundredNamingIt() {
        for (String query : List.of("&timeZone=Foo/Bar", "&timeZone=", "&slotFormat=a&slotFormat=b")) {
            String path = DAYS + query;
            assertThat(stack.calcom(path, null).statusCode()).as(path).isEqualTo(500);
            HttpResponse<String> slotgate = stack.slotgate(path, null);
            assertThat(slotgate.statusCode()).as(path).isEqualTo(400);
            assertThat(slotgate.body()).as(path).contains("\"code\":\"BadRequestException\"");
        }
        assertThat(stack.slotgate("/v2/slots/available?eventTypeId=1001&startTime=2050-W36-1&endTime=2050-09-10",
                null).body()).contains("Invalid time range given - check the 'startTime' and 'endTime' query parameters.");
        assertThat(stack.slotgate("/v2/slots/available?usernameList[]=anna&usernameList[]=ben&startTime=2030-01-08"
                + "&endTime=2030-01-09", null).statusCode()).isEqualTo(400);
        assertThat(stack.emulator.requestCount("/v2/slots?")).isZero();
    }

    @Test
    void anUnknownEventTypeIsCalcomsTrpcNotFound() {
        String path = "/v2/slots/available?eventTypeId=4242&startTime=2030-01-08&endTime=2030-01-09";
        HttpResponse<String> slotgate = stack.slotgate(path, null);
        assertThat(slotgate.statusCode()).isEqualTo(404);
        assertThat(withoutTimestamp(slotgate.body())).isEqualTo(withoutTimestamp(stack.calcom(path, null).body()));
    }

    @Test
    void whatBucketsCannotAnswerPassesThroughAsCalcomAnswersIt() {
        String window = "&startTime=2030-01-08T00:00:00Z&endTime=2030-01-09T00:00:00Z";
        for (String query : List.of("eventTypeSlug=intro-call&usernameList[]=anna" + window,
                "eventTypeSlug=sales-demo&usernameList[]=demo-team&isTeamEvent=true" + window,
                "eventTypeSlug=dynamic&usernameList[]=anna&usernameList[]=ben" + window,
                "eventTypeId=1001&rescheduleUid=abc" + window,
                "eventTypeId=1006&routedTeamMemberIds[]=1" + window,
                "eventTypeId=1006&_bypassCalendarBusyTimes=true" + window,
                "eventTypeId=1001&startTime=2030-01-09&endTime=2030-01-08")) {
            String path = "/v2/slots/available?" + query;
            HttpResponse<String> slotgate = stack.slotgate(path, null);
            assertThat(slotgate.headers().firstValue("X-Cache")).as(path).contains("BYPASS");
            assertThat(slotgate.statusCode()).as(path).isEqualTo(200);
            assertThat(slotgate.body()).as(path).isEqualTo(stack.calcom(path, null).body());
        }
        HttpResponse<String> withCookie = stack.send(HttpRequest.newBuilder(
                URI.create(stack.slotgateUrl() + DAYS)).header("Cookie", "uid=mine").GET().build());
        assertThat(withCookie.headers().firstValue("X-Cache")).as("a client holding reservations").contains("BYPASS");
    }

    @Test
    void aSeatedEventTypeIsCalcomsToAnswerOnEveryRoute() {
        stack.emulator.addEventType(new EventTypeSpec(1098, "workshop", 60, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(DemoData.ANNA)).withSeats(5));
        for (String[] pathAndVersion : new String[][]{
                {"/v2/slots/available?eventTypeId=1098&startTime=2030-01-08&endTime=2030-01-09", null},
                {"/v2/slots?eventTypeId=1098&start=2030-01-08&end=2030-01-08", "2024-09-04"},
                {"/v2/slots?username=anna&eventTypeSlug=workshop&start=2030-01-08&end=2030-01-08", "2024-09-04"}}) {
            HttpResponse<String> slotgate = stack.slotgate(pathAndVersion[0], pathAndVersion[1]);
            assertThat(slotgate.headers().firstValue("X-Cache")).as("seat counts are not in buckets: "
                    + pathAndVersion[0]).contains("BYPASS");
            assertThat(slotgate.body()).isEqualTo(stack.calcom(pathAndVersion[0], pathAndVersion[1]).body());
        }
    }

    @Test
    void aTenantsLegacyRouteIsServedUnderItsPrefixWithCalcomsPathInErrors() {
        stack.close();
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"), "acme");
        DemoData.install(stack.emulator);
        HttpResponse<String> answer = stack.slotgate("/tenants/acme" + DAYS, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(stack.calcom(DAYS, null).body());
        String bad = "/v2/slots/available?eventTypeId=abc&startTime=2050-09-05&endTime=2050-09-10";
        assertThat(withoutTimestamp(stack.slotgate("/tenants/acme" + bad, null).body()))
                .isEqualTo(withoutTimestamp(stack.calcom(bad, null).body()));
        stack.clock.advance(Duration.ofSeconds(5));
        assertThat(stack.slotgate("/tenants/acme" + DAYS, null).headers().firstValue("X-Cache")).contains("HIT");
    }

    private static String withoutTimestamp(String body) {
        return body.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"…\"");
    }
}
