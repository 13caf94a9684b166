package io.slotgate.invalidation;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2024-04-15 reservation routes through slotgate ({@code POST /v2/slots/reserve},
 * {@code DELETE /v2/slots/selected-slot}): forwarded with the client's {@code uid} cookie, Cal.com's answer and
 * cookie relayed, and the cache patched as Cal.com applies them: a user's event type holds its owner's time on every
 * event type of theirs at once, a team event type stores nothing, the delete frees the time again.
 */
class LegacyReservationsThroughSlotgateTest {
    private static final Instant TEN = Instant.parse("2030-01-08T10:00:00Z");
    private static final String ANNA_15 = "/v2/slots/available?eventTypeId=1001&startTime=2030-01-08&endTime=2030-01-09";
    private static final String ANNA_30 = "/v2/slots?eventTypeId=1002&start=2030-01-08&end=2030-01-08";
    private static final String TEAM = "/v2/slots/available?eventTypeId=1006&startTime=2030-01-08&endTime=2030-01-09";
    private Stack stack;

    @BeforeEach
    void start() {
        // PINNED as in WebhookFreeBookingsThroughSlotgateTest: Cal.com's 2 s result cache would give this frozen
        // clock's refetches (and the test's own looks at Cal.com) the answers from before the reservation.
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                        .withoutSlotsCache());
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aReservationHoldsTheOwnersTimeAtOnceAndItsDeleteFreesIt() {
        assertThat(offers(stack.slotgate(ANNA_15, null), TEN)).isTrue();
        assertThat(stack.slotgate(ANNA_30).body()).contains(start(TEN));

        HttpResponse<String> reserved = reserve(1001, null);
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String uid = reserved.body().replaceAll(".*\"data\":\"([^\"]+)\".*", "$1");
        assertThat(reserved.body()).isEqualTo("{\"status\":\"success\",\"data\":\"" + uid + "\"}");
        assertThat(reserved.headers().firstValue("Set-Cookie")).contains("uid=" + uid + "; Path=/");
        assertThat(counters().invalidations(Cause.SLOTGATE_RESERVATION)).isEqualTo(1);

        HttpResponse<String> others = stack.slotgate(ANNA_15, null);
        assertThat(others.headers().firstValue("X-Cache")).as("patched, not refetched").contains("HIT");
        assertThat(offers(others, TEN)).isFalse();
        assertThat(others.body()).isEqualTo(stack.calcom(ANNA_15, null).body());
        HttpResponse<String> otherType = stack.slotgate(ANNA_30);
        assertThat(otherType.body()).as("every event type of the owner").doesNotContain(start(TEN))
                .isEqualTo(stack.calcom(ANNA_30).body());

        HttpResponse<String> holder = withCookie(ANNA_15, uid, "GET");
        assertThat(holder.headers().firstValue("X-Cache")).as("the holder's own view is Cal.com's").contains("BYPASS");
        assertThat(offers(holder, TEN)).as("Cal.com does not hide a reservation from its holder").isTrue();

        HttpResponse<String> deleted = withCookie("/v2/slots/selected-slot", uid, "DELETE");
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"status\":\"success\"}");
        HttpResponse<String> after = stack.slotgate(ANNA_15, null);
        assertThat(offers(after, TEN)).isTrue();
        assertThat(after.body()).isEqualTo(stack.calcom(ANNA_15, null).body());
        assertThat(stack.slotgate(ANNA_30).body()).isEqualTo(stack.calcom(ANNA_30).body());
    }

    @Test
    void aDeleteByTheUidParameterFreesTheTimeToo() {
        stack.slotgate(ANNA_15, null);
        String uid = reserve(1001, null).body().replaceAll(".*\"data\":\"([^\"]+)\".*", "$1");
        assertThat(offers(stack.slotgate(ANNA_15, null), TEN)).isFalse();
        HttpResponse<String> deleted = stack.send(HttpRequest.newBuilder(
                URI.create(stack.slotgateUrl() + "/v2/slots/selected-slot?uid=" + uid)).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(offers(stack.slotgate(ANNA_15, null), TEN)).isTrue();
    }

    @Test
    void aTeamEventTypeOrADryRunStoresNothingSoNothingIsHidden() {
        assertThat(offers(stack.slotgate(TEAM, null), TEN)).isTrue();
        assertThat(reserve(1006, null).statusCode()).isEqualTo(201);
        assertThat(reserve(1001, "true").statusCode()).isEqualTo(201);
        HttpResponse<String> team = stack.slotgate(TEAM, null);
        assertThat(team.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(offers(team, TEN)).isTrue();
        assertThat(team.body()).isEqualTo(stack.calcom(TEAM, null).body());
        assertThat(offers(stack.slotgate(ANNA_15, null), TEN)).isTrue();
    }

    private HttpResponse<String> reserve(long eventTypeId, String dryRun) {
        return stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/slots/reserve"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventTypeId\":" + eventTypeId
                        + ",\"slotUtcStartDate\":\"" + TEN + "\",\"slotUtcEndDate\":\"" + TEN.plusSeconds(900) + "\""
                        + (dryRun == null ? "" : ",\"_isDryRun\":" + dryRun) + "}")).build());
    }

    private HttpResponse<String> withCookie(String path, String uid, String method) {
        return stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + path)).header("Cookie", "uid=" + uid)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private InvalidationCounters counters() {
        return stack.slotgate.tenants().defaultTenant().invalidation().counters();
    }

    private static boolean offers(HttpResponse<String> answer, Instant start) {
        return answer.body().contains("\"time\":\"" + start.toString().replace("Z", ".000Z") + "\"");
    }

    private static String start(Instant start) {
        return "\"start\":\"" + start.toString().replace("Z", ".000Z") + "\"";
    }
}
