package io.slotgate.invalidation;

import io.slotgate.emulator.DemoData;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook endpoint refuses what it cannot trust or read, counts it, and never invalidates for it. */
class WebhookEndpointSecurityTest {
    private static final String WEEK = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13&timeZone=UTC";
    private static final String CREATED = """
            {"triggerEvent":"BOOKING_CREATED","createdAt":"2030-01-06T08:00:00.000Z","payload":{"uid":"abc",\
            "bookingId":7,"eventTypeId":1001,"startTime":"2030-01-08T10:00:00Z","endTime":"2030-01-08T10:15:00Z",\
            "organizer":{"id":1,"name":"Anna"},"attendees":[{"name":"C","email":"c@example.com"}],"status":"ACCEPTED"}}""";
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"), "acme");
        DemoData.install(stack.emulator);
        assertThat(stack.slotgate(WEEK).headers().firstValue("X-Cache")).contains("MISS");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private HttpResponse<String> deliver(String path, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return stack.send(request.build());
    }

    private HttpResponse<String> deliverSigned(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return deliver("/webhooks/calcom", bytes, WebhookSignature.sign(Stack.WEBHOOK_SECRET, bytes));
    }

    private InvalidationCounters counters() {
        return stack.slotgate.tenants().defaultTenant().invalidation().counters();
    }

    private void assertStillCached() {
        assertThat(stack.slotgate(WEEK).headers().firstValue("X-Cache")).contains("HIT");
    }

    @Test
    void aCorrectlySignedWebhookIsAcceptedAndPatchesTheCache() {
        HttpResponse<String> response = deliverSigned(CREATED);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"outcome\":\"accepted\"");
        assertThat(counters().webhooks("accepted")).isEqualTo(1);
        assertThat(counters().invalidations(Cause.webhook("BOOKING_CREATED"))).isEqualTo(1);
        assertThat(stack.slotgate(WEEK).headers().firstValue("X-Slotgate-Patched")).contains("1");
    }

    @Test
    void aForgedSignatureIs401AndInvalidatesNothing() {
        byte[] bytes = CREATED.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = deliver("/webhooks/calcom", bytes, WebhookSignature.sign("not-the-secret", bytes));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("does not match").doesNotContain("Exception:").doesNotContain("at io.");
        assertThat(counters().webhooks("unauthorized")).isEqualTo(1);
        assertStillCached();
    }

    @Test
    void aBodyChangedAfterSigningIs401() {
        byte[] signed = CREATED.getBytes(StandardCharsets.UTF_8);
        byte[] tampered = CREATED.replace("1001", "1002").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("/webhooks/calcom", tampered, WebhookSignature.sign(Stack.WEBHOOK_SECRET, signed))
                .statusCode()).isEqualTo(401);
        assertStillCached();
    }

    @Test
    void anUnsignedWebhookIs401WithAClearMessage() {
        HttpResponse<String> response = deliver("/webhooks/calcom", CREATED.getBytes(StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("X-Cal-Signature-256 header is missing");
        HttpResponse<String> noSecret = deliver("/webhooks/calcom", CREATED.getBytes(StandardCharsets.UTF_8),
                "no-secret-provided");
        assertThat(noSecret.statusCode()).isEqualTo(401);
        assertThat(noSecret.body()).contains("has no secret");
        assertThat(counters().webhooks("unauthorized")).isEqualTo(2);
        assertStillCached();
    }

    @Test
    void aTruncatedBodyWithAValidSignatureIs400AndCounted() {
        HttpResponse<String> response = deliverSigned(CREATED.substring(0, CREATED.length() / 2));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON");
        assertThat(counters().webhooks("malformed")).isEqualTo(1);
        assertStillCached();
    }

    @Test
    void aBookingPayloadWithoutTimesIs400() {
        HttpResponse<String> response = deliverSigned("""
                {"triggerEvent":"BOOKING_CREATED","payload":{"uid":"x","eventTypeId":1001}}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("startTime");
        assertThat(deliverSigned("[1,2]").statusCode()).isEqualTo(400);
        assertThat(deliverSigned("{\"payload\":{}}").statusCode()).isEqualTo(400);
        assertThat(counters().webhooks("malformed")).isEqualTo(3);
        assertStillCached();
    }

    @Test
    void aReplayedWebhookIsAcknowledgedAsADuplicate() {
        assertThat(deliverSigned(CREATED).statusCode()).isEqualTo(200);
        stack.slotgate(WEEK);
        HttpResponse<String> replay = deliverSigned(CREATED);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"outcome\":\"duplicate\"");
        // Same booking and times, other bytes (a new createdAt): still the same event.
        HttpResponse<String> redelivered = deliverSigned(CREATED.replace("08:00:00.000Z", "08:00:05.000Z"));
        assertThat(redelivered.body()).contains("\"outcome\":\"duplicate\"");
        assertThat(counters().webhooks("duplicate")).isEqualTo(2);
        assertThat(counters().invalidations(Cause.webhook("BOOKING_CREATED"))).isEqualTo(1);
        assertStillCached();
    }

    @Test
    void anOversizedBodyIs413AndNotRead() {
        byte[] huge = new byte[300 * 1024];
        Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> response = deliver("/webhooks/calcom", huge, "00");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(counters().webhooks("oversized")).isEqualTo(1);
        assertStillCached();
    }

    @Test
    void pingsAndTriggersWithoutAvailabilityEffectAreAcknowledgedAndCounted() {
        HttpResponse<String> ping = deliverSigned("{\"triggerEvent\":\"PING\",\"createdAt\":\"2030-01-06T08:00:00Z\",\"payload\":{}}");
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).contains("unrecognised");
        HttpResponse<String> meeting = deliverSigned("{\"triggerEvent\":\"MEETING_ENDED\",\"payload\":{\"uid\":\"u\"}}");
        assertThat(meeting.statusCode()).isEqualTo(200);
        assertThat(meeting.body()).contains("ignored");
        HttpResponse<String> noShow = deliverSigned("""
                {"triggerEvent":"BOOKING_NO_SHOW_UPDATED","payload":{"message":"x","bookingUid":"u","bookingId":1,\
                "attendees":[{"email":"a@example.com","noShow":true}]}}""");
        assertThat(noShow.body()).contains("ignored");
        assertThat(counters().webhooks("unrecognised")).isEqualTo(1);
        assertThat(counters().webhooks("ignored")).isEqualTo(2);
        assertStillCached();
    }

    @Test
    void aNamedTenantHasItsOwnUrlAndAnUnknownTenantIs404() {
        byte[] bytes = CREATED.getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(Stack.WEBHOOK_SECRET, bytes);
        assertThat(deliver("/webhooks/calcom/acme", bytes, signature).statusCode()).isEqualTo(200);
        assertThat(stack.slotgate.tenants().find("acme").orElseThrow().invalidation().counters().webhooks("accepted"))
                .isEqualTo(1);
        assertStillCached(); // acme's webhook does not touch the default tenant
        assertThat(deliver("/webhooks/calcom/nobody", bytes, signature).statusCode()).isEqualTo(404);
    }
}
