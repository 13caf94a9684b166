package io.slotgate.http;

import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.invalidation.SiblingRefresh;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyJson;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stale-while-revalidate, stale-if-error, maxStale and policy reloads, over real sockets with a controlled clock. */
class FreshnessEndToEndTest {
    private static final Instant NOW = Instant.parse("2030-01-06T08:00:00Z");
    private static final String WEEK = "/v2/slots?eventTypeId=1006&start=2030-01-07&end=2030-01-13";
    /** Fresh 60 s, then served stale for 120 s more; nothing in the background but refreshes. */
    private static final String SWR = "{\"name\":\"swr\",\"freshTodaySeconds\":60,\"freshNearSeconds\":60,"
            + "\"freshFarSeconds\":60,\"freshEmptySeconds\":60,\"staleWindowSeconds\":120,\"webhookSilenceMinutes\":0,"
            + "\"refreshAheadBeta\":0,\"refreshOnInvalidate\":false,\"warmTopEventTypes\":0}";
    /** {@link #SWR} with refresh-on-invalidate on, which also refreshes a changed day's sibling event types. */
    private static final String SWR_REFRESHING = SWR.replace("\"refreshOnInvalidate\":false",
            "\"refreshOnInvalidate\":true");
    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private void start(PolicyHolder policy) {
        stack = Stack.start(NOW, policy, c -> c.withAdminToken(Optional.of(new Secret("admin-secret"))));
        DemoData.install(stack.emulator);
    }

    @Test
    void aStaleBucketIsServedAtOnceAndRefreshedOnceHoweverManyAsk() throws Exception {
        start(PolicyHolder.fixed(PolicyJson.parse(SWR)));
        assertThat(stack.slotgate(WEEK).headers().firstValue("X-Cache")).contains("MISS");
        assertThat(stack.upstreamSlotCalls()).isEqualTo(1);
        stack.clock.advance(Duration.ofSeconds(70));
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> stack.slotgate(WEEK)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-Cache")).hasValueSatisfying(
                        v -> assertThat(v).isIn("STALE", "HIT"));
            }
        }
        // the emulator counts the refresh when it answers, a moment before slotgate stores the days: wait for both
        var cache = stack.slotgate.tenants().defaultTenant().cache();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> stack.upstreamSlotCalls() == 2 && cache.fillsInFlight().isEmpty());
        HttpResponse<String> after = stack.slotgate(WEEK);
        assertThat(after.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(after.headers().firstValue("Age")).contains("0");
        assertThat(stack.upstreamSlotCalls()).as("exactly one refresh for 50 stale readers").isEqualTo(2);
    }

    @Test
    void aChangeNoWebhookAnnouncedFoundOnOneEventTypeRefreshesTheSameDayOfTheHostsOtherEventTypes() {
        start(PolicyHolder.fixed(PolicyJson.parse(SWR_REFRESHING)));
        String intro = "/v2/slots?eventTypeId=1001&start=2030-01-08&end=2030-01-08";      // Anna's 15-minute calls
        String consultation = "/v2/slots?eventTypeId=1002&start=2030-01-08&end=2030-01-08"; // Anna's consultations
        stack.slotgate(intro);
        stack.slotgate(consultation);
        assertThat(stack.slotgate(consultation).body()).contains("2030-01-08T13:00:00.000Z");
        // Anna's own calendar fills 14:00-14:30 Berlin: Cal.com sends no webhook for that
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-08T13:00:00Z"),
                Instant.parse("2030-01-08T13:30:00Z"));
        stack.clock.advance(Duration.ofSeconds(70));

        // a reader of the intro calls gets the stale day at once and its refresh finds the gap...
        assertThat(stack.slotgate(intro).headers().firstValue("X-Cache")).contains("STALE");
        var cache = stack.slotgate.tenants().defaultTenant().cache();
        await().atMost(Duration.ofSeconds(5)).until(() -> consultationCalls() == 2 && cache.fillsInFlight().isEmpty());

        // ...and the consultations' day was refetched too, before anyone asked for it again
        HttpResponse<String> after = stack.slotgate(consultation);
        assertThat(after.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(after.body()).isEqualTo(stack.calcom(consultation).body())
                .doesNotContain("2030-01-08T13:00:00.000Z");
        // the consultations' refetch found the same gap; it is not passed back to the intro calls
        assertThat(stack.slotgate.tenants().defaultTenant().invalidation().counters()
                .get(SiblingRefresh.UNANNOUNCED_CHANGES)).isEqualTo(1);
    }

    private long consultationCalls() {
        return stack.emulator.requests().stream()
                .filter(r -> r.path().equals("/v2/slots") && r.query().get("eventTypeId").contains("1002")).count();
    }

    @Test
    void whenCalcomFailsStaleDataIsServedAndSaysSoThenA503WithRetryAfterPastMaxStale() {
        start(PolicyHolder.fixed(PolicyJson.parse(SWR)));
        String fresh = stack.slotgate(WEEK).body();
        stack.emulatorServer.close();
        stack.clock.advance(Duration.ofSeconds(100));
        HttpResponse<String> stale = stack.slotgate(WEEK);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(stale.headers().firstValue("Age")).contains("100");
        assertThat(stale.body()).isEqualTo(fresh);
        stack.clock.advance(Duration.ofSeconds(81));
        HttpResponse<String> tooOld = stack.slotgate(WEEK);
        assertThat(tooOld.statusCode()).isEqualTo(503);
        assertThat(tooOld.headers().firstValue("Retry-After")).isPresent();
        assertThat(tooOld.body()).contains("Cal.com").doesNotContain("\"data\"");
    }

    @Test
    void aPolicyFileChangeAppliesWithoutARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, SWR);
        PolicyHolder policy = PolicyHolder.from(file.toString());
        start(policy);
        stack.slotgate(WEEK);
        stack.clock.advance(Duration.ofSeconds(30));
        assertThat(stack.slotgate(WEEK).headers().firstValue("X-Cache")).contains("HIT");
        Files.writeString(file, SWR.replace("\"freshFarSeconds\":60", "\"freshFarSeconds\":20")
                .replace("\"freshNearSeconds\":60", "\"freshNearSeconds\":20")
                .replace("\"freshEmptySeconds\":60", "\"freshEmptySeconds\":20")
                .replace("\"staleWindowSeconds\":120", "\"staleWindowSeconds\":0"));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        await().atMost(Duration.ofSeconds(10)).until(() -> policy.get().freshFar().equals(Duration.ofSeconds(20)));
        assertThat(stack.slotgate(WEEK).headers().firstValue("X-Cache")).contains("MISS");
    }

    @Test
    void theAdminEndpointReplacesThePolicyAndRefusesWithoutTheToken() {
        start(PolicyHolder.fixed(PolicyJson.parse(SWR)));
        String url = stack.slotgateUrl() + "/admin/policy";
        HttpResponse<String> anonymous = stack.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = stack.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer nope").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> bad = stack.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer admin-secret")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"freshFarSecs\": 3}")).build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("freshFarSecs");
        HttpResponse<String> rollback = stack.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer admin-secret")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"extends\":\"seed-phase1\"}")).build());
        assertThat(rollback.statusCode()).isEqualTo(200);
        assertThat(rollback.body()).contains("\"name\":\"seed-phase1\"").contains("\"keys\":\"exact-query\"");
        assertThat(stack.slotgate(WEEK).statusCode()).isEqualTo(200);
        assertThat(stack.slotgate(WEEK).headers().firstValue("X-Cache")).as("exact-query cache now").contains("HIT");
    }
}
