package io.slotgate.metrics;

import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import io.slotgate.time.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics}, {@code /} and {@code /dashboard/data} are open to anyone who can reach slotgate: after traffic
 * that touched every secret (slotgate's API key on each Cal.com call, the webhook secret on each delivery, the admin
 * token on an admin call, a client's own bearer token on a pass-through), none of them appears in any of the three.
 */
class MetricsExposeNoSecretsTest {
    private static final String ADMIN_TOKEN = "sg_admin_5ecret_t0ken_never_shown";
    private static final String CLIENT_KEY = "cal_live_client_own_key_never_shown";
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                PolicyHolder.fixed(Stack.TEST_POLICY), c -> c.withAdminToken(Optional.of(new Secret(ADMIN_TOKEN))));
        DemoData.install(stack.emulator);
        stack.emulator.webhooks().use(Scheduler.inline(), WebhookDeliveryModel.immediate());
        stack.sendWebhooksTo(stack.slotgate);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void noApiKeyWebhookSecretOrAdminTokenEverAppearsInMetricsOrTheDashboard() {
        stack.slotgate("/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13");
        stack.slotgate("/v1/finder/next?eventTypeId=1002");
        stack.post("/v2/bookings", "2024-08-13", """
                {"start":"2030-01-08T10:00:00Z","eventTypeId":1001,"attendee":{"name":"Carol","email":"carol@example.com","timeZone":"UTC"}}""");
        HttpResponse<String> forged = stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/webhooks/calcom"))
                .header("x-cal-signature-256", "00" + Stack.WEBHOOK_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{\"triggerEvent\":\"BOOKING_CREATED\",\"secret\":\""
                        + Stack.WEBHOOK_SECRET + "\"}")).build());
        assertThat(forged.statusCode()).isEqualTo(401);
        stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/admin/policy"))
                .header("authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/me?token=" + CLIENT_KEY))
                .header("authorization", "Bearer " + CLIENT_KEY).header("cal-api-version", "2024-08-13").GET().build());
        stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/bookings/" + CLIENT_KEY))
                .header("cal-api-version", "2024-08-13").GET().build());

        String metrics = stack.slotgate("/metrics").body();
        assertThat(MetricsEndToEndTest.value(metrics, "slotgate_webhook_signature_failures_total",
                "tenant=\"default\"")).isEqualTo(1);
        for (String body : new String[]{metrics, stack.slotgate("/dashboard/data").body(), stack.slotgate("/").body()}) {
            assertThat(body)
                    .doesNotContain(EmulatorSettings.DEMO_API_KEY)
                    .doesNotContain(Stack.WEBHOOK_SECRET)
                    .doesNotContain(ADMIN_TOKEN)
                    .doesNotContain(CLIENT_KEY);
        }
        assertThat(metrics).contains("slotgate_calcom_calls_total{endpoint=\"/v2/bookings/{uid}\"");
    }
}
