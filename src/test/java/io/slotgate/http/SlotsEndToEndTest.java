package io.slotgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** slotgate in front of the emulator over real sockets. */
class SlotsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEEK = "/v2/slots?eventTypeId=1006&start=2030-01-07&end=2030-01-13&timeZone=Europe/Berlin";
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
    void aColdQueryIsAMissWithCalcomsExactBody() {
        HttpResponse<String> viaSlotgate = stack.slotgate(WEEK);
        assertThat(viaSlotgate.statusCode()).isEqualTo(200);
        assertThat(viaSlotgate.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(viaSlotgate.headers().firstValue("Age")).contains("0");
        assertThat(viaSlotgate.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(viaSlotgate.body()).isEqualTo(stack.calcom(WEEK).body());
        assertThat(viaSlotgate.body()).contains("\"2030-01-07\":[");
    }

    @Test
    void aSecondIdenticalQueryIsAHitWithNoUpstreamCall() {
        stack.slotgate(WEEK);
        long callsAfterFirst = stack.emulator.requestCount("/v2/");
        stack.clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> second = stack.slotgate(WEEK);
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(second.headers().firstValue("Age")).contains("20");
        assertThat(stack.emulator.requestCount("/v2/")).isEqualTo(callsAfterFirst);
        assertThat(second.body()).isEqualTo(stack.calcom(WEEK).body());
    }

    @Test
    void twoHundredConcurrentColdQueriesMakeExactlyOneUpstreamCall() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return stack.slotgate(WEEK);
                }));
            }
            go.countDown();
            String expected = null;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                expected = expected == null ? response.body() : expected;
                assertThat(response.body()).isEqualTo(expected);
            }
        }
        assertThat(stack.upstreamSlotCalls()).isEqualTo(1);
        // the event type's facts came with the catalog's lists: no lookup of the id itself
        assertThat(stack.emulator.requestCount("/v2/event-types/")).isZero();
    }

    @Test
    void aQueryOverlappingCachedDaysFetchesItsMissingDaysInOneCall() {
        stack.slotgate("/v2/slots?eventTypeId=1006&start=2030-01-09&end=2030-01-10");
        stack.emulator.clearRequests();
        HttpResponse<String> wider = stack.slotgate(WEEK);
        assertThat(wider.headers().firstValue("X-Cache")).contains("PARTIAL");
        List<String> asked = stack.emulator.requests().stream()
                .filter(r -> r.path().equals("/v2/slots"))
                .map(r -> r.query().get("start").get(0) + "/" + r.query().get("end").get(0))
                .sorted().toList();
        // start and end are read as UTC whatever the timeZone (NOTES.md §2a): the days are the 7th to the 13th; the
        // two runs of missing days cost one call, the cached days between them included
        assertThat(asked).containsExactly("2030-01-07T00:00:00Z/2030-01-13T23:59:59Z");
        assertThat(wider.body()).isEqualTo(stack.calcom(WEEK).body());
    }

    @Test
    void slotsLeaveACachedAnswerAsTheMinimumNoticeCatchesUpWithThem() throws Exception {
        // 1001: Anna, Berlin 09-17 (08-16Z in January), 15 min, 60 min notice
        String today = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
        stack.clock.set(Instant.parse("2030-01-07T08:00:00Z"));
        HttpResponse<String> first = stack.slotgate(today);
        assertThat(first.body()).contains("2030-01-07T09:00:00.000Z");
        stack.clock.set(Instant.parse("2030-01-07T08:00:50Z"));
        HttpResponse<String> later = stack.slotgate(today);
        assertThat(later.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(later.body()).doesNotContain("2030-01-07T09:00:00.000Z");
        assertThat(countSlots(later.body())).isEqualTo(countSlots(first.body()) - 1);
        assertThat(later.body()).isEqualTo(stack.calcom(today).body());
    }

    @Test
    void timeAndRangeFormatsAndZonesRenderAsCalcomDoes() {
        for (String q : List.of("&format=range", "&format=time", "&timeZone=America/New_York", "&timeZone=UTC",
                "&timeZone=Asia/Kolkata&format=RANGE", "&duration=60")) {
            String path = "/v2/slots?eventTypeId=1002&start=2030-01-07T10:00:00Z&end=2030-01-09T15:30:00Z" + q;
            assertThat(stack.slotgate(path).body()).as(path).isEqualTo(stack.calcom(path).body());
        }
    }

    @Test
    void malformedQueriesGetA400NamingTheParameterAndNeverReachCalcom() throws Exception {
        for (String[] bad : new String[][]{
                {"eventTypeId=abc&start=2030-01-07&end=2030-01-08", "eventTypeId"},
                {"eventTypeId=1006&start=2030-01-07T99:00&end=2030-01-08", "start"},
                {"eventTypeId=1006&start=2030-01-07&end=2030-02-30", "end"},
                {"eventTypeId=1006&start=2030-01-07&end=2030-01-08&timeZone=Europe/Atlantis", "timeZone"},
                {"eventTypeId=1006&start=2030-01-09&end=2030-01-08", "'end'"},
                {"eventTypeId=1006&start=2030-01-01&end=2030-06-01", "90 days"},
                {"eventTypeId=1006&start=2030-01-07&end=2030-01-08&duration=ten", "duration"},
                {"eventTypeId=1006&start=2030-01-07&end=2030-01-08&format=csv", "format"},
                {"eventTypeId=1006&start=2030-01-07&end=2030-01-08&bogus=1", "bogus"}}) {
            HttpResponse<String> response = stack.slotgate("/v2/slots?" + bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("error");
            assertThat(body.path("error").path("message").asText()).as(bad[0]).contains(bad[1]);
            assertThat(response.body()).doesNotContain("Exception:").doesNotContain("\tat ");
        }
        assertThat(stack.upstreamSlotCalls()).isZero();
    }

    @Test
    void anIdTheCatalogDoesNotListIsCalcoms404WithoutASlotsCall() throws Exception {
        String unknown = "/v2/slots?eventTypeId=999999&start=2030-01-07&end=2030-01-08";
        HttpResponse<String> first = stack.slotgate(unknown);
        assertThat(first.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.path("error").path("message").asText()).isEqualTo("Event Type not found");
        assertThat(body.path("error").path("code").asText()).isEqualTo("NotFoundException");
        assertThat(body.path("path").asText()).isEqualTo(unknown);
        assertThat(stack.upstreamSlotCalls()).isZero();
        assertThat(stack.calcom(unknown).statusCode()).isEqualTo(404);
        stack.emulator.clearRequests();
        HttpResponse<String> again = stack.slotgate(unknown);
        assertThat(again.statusCode()).isEqualTo(404);
        // neither asked Cal.com's slots route; the second not even the one discovery lookup the first made
        assertThat(stack.emulator.requestCount("/v2/")).isZero();
    }

    @Test
    void shapesSlotgateDoesNotCacheArePassedThroughUncached() {
        String reschedule = "/v2/slots?eventTypeId=1001&bookingUidToReschedule=abc&start=2030-01-07&end=2030-01-08";
        HttpResponse<String> first = stack.slotgate(reschedule);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).contains("BYPASS");
        assertThat(first.body()).isEqualTo(stack.calcom(reschedule).body());
        long before = stack.upstreamSlotCalls();
        stack.slotgate(reschedule);
        assertThat(stack.upstreamSlotCalls()).isEqualTo(before + 1);
    }

    @Test
    void aMissingApiVersionIsPassedThroughAsCalcomWouldRouteIt() {
        HttpResponse<String> response = stack.send(HttpRequest.newBuilder(
                URI.create(stack.slotgateUrl() + "/v2/slots?eventTypeId=1006&start=2030-01-07&end=2030-01-08")).GET().build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Cache")).contains("BYPASS");
    }

    @Test
    void calcomUnreachableIsA503WithRetryAfterNotAnEmptyAnswer() throws Exception {
        stack.emulatorServer.close();
        HttpResponse<String> response = stack.slotgate(WEEK);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("Cal.com");
    }

    @Test
    void namedTenantsAreServedUnderTheirPrefixAndUnknownOnesAre404() throws Exception {
        try (Stack multi = Stack.start(Instant.parse("2030-01-06T08:00:00Z"), "acme")) {
            DemoData.install(multi.emulator);
            HttpResponse<String> acme = multi.get(multi.slotgateUrl() + "/tenants/acme" + WEEK);
            assertThat(acme.statusCode()).isEqualTo(200);
            assertThat(acme.body()).isEqualTo(multi.calcom(WEEK).body());
            assertThat(multi.get(multi.slotgateUrl() + WEEK).headers().firstValue("X-Cache"))
                    .as("tenants do not share buckets").contains("MISS");
            HttpResponse<String> bySlug = multi.get(multi.slotgateUrl()
                    + "/tenants/acme/v2/slots?eventTypeSlug=intro-call&username=anna&start=2030-01-07&end=2030-01-08");
            assertThat(bySlug.headers().firstValue("X-Cache")).as("resolved with acme's key").contains("MISS");
            assertThat(bySlug.statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = multi.get(multi.slotgateUrl() + "/tenants/nobody" + WEEK);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).path("error").path("message").asText()).contains("nobody");
        }
    }

    @Test
    void healthAnswersOnceServing() {
        HttpResponse<String> health = stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/health")).build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("ok");
    }

    private static int countSlots(String body) throws Exception {
        int n = 0;
        for (JsonNode day : JSON.readTree(body).path("data")) {
            n += day.size();
        }
        return n;
    }
}
