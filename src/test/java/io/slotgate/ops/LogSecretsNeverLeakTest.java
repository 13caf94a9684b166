package io.slotgate.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.slotgate.cache.TenantId;
import io.slotgate.config.ConfigLoader;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.invalidation.WebhookSignature;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import io.slotgate.tenant.TenantSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys, webhook secrets, admin tokens and Authorization headers never reach a log line, an HTTP answer or a
 * printed configuration: a scripted session with every kind of call, every log event captured at DEBUG from the root
 * logger (third-party loggers keep the levels of the shipped logback.xml, as in production).
 */
class LogSecretsNeverLeakTest {
    private static final String SLOTGATE_KEY = "cal_live_SLOTGATE_KEY_1b2c3d4e";
    private static final String CLIENT_KEY = "cal_live_CLIENT_KEY_9f8e7d6c";
    private static final String WEBHOOK_SECRET = "whsec_WEBHOOK_SECRET_5a6b7c";
    private static final String ADMIN_TOKEN = "adm_ADMIN_TOKEN_0d1e2f";
    private static final String REDIS_PASSWORD = "REDIS_PASSWORD_77aa";
    private static final String TENANT_KEY = "cal_live_TENANT_KEY_3c4d";
    private static final String TENANT_SECRET = "whsec_TENANT_SECRET_8e9f";
    private static final String AGENT_TOKEN = "agt_AGENT_TOKEN_4f5a6b";
    private static final String TENANT_AGENT_TOKEN = "agt_TENANT_AGENT_TOKEN_9c8d";
    private static final List<String> SECRETS = List.of(SLOTGATE_KEY, CLIENT_KEY, WEBHOOK_SECRET, ADMIN_TOKEN,
            REDIS_PASSWORD, TENANT_KEY, TENANT_SECRET, AGENT_TOKEN, TENANT_AGENT_TOKEN);

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level rootLevel;
    private Stack stack;
    private final List<HttpResponse<String>> responses = new ArrayList<>();

    @BeforeEach
    void capture() {
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        if (stack != null) {
            stack.close();
        }
        root.detachAppender(captured);
        root.setLevel(rootLevel);
    }

    @Test
    void noSecretAppearsInAnyLogLineResponseOrPrintedConfiguration() throws Exception {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(120)
                        .withApiKeys(Set.of(SLOTGATE_KEY, CLIENT_KEY)),
                PolicyHolder.fixed(Stack.TEST_POLICY), c -> c
                        .withCalcom(c.calcomUrl(), Optional.of(new Secret(SLOTGATE_KEY)))
                        .withWebhookSecret(Optional.of(new Secret(WEBHOOK_SECRET)))
                        .withAdminToken(Optional.of(new Secret(ADMIN_TOKEN)))
                        .withAgentToken(Optional.of(new Secret(AGENT_TOKEN)))
                        // no scheduled rounds (every zero): the test runs its own, so none takes its samples;
                        // and every remembered day in that round (a round of 3 of the week's 7, drawn at random,
                        // could draw only the weekend, where the block changes nothing)
                        .with(b -> b.verifier = new io.slotgate.ops.StalenessVerifier.Settings(
                                java.time.Duration.ZERO, 10, 1000)));
        DemoData.install(stack.emulator);
        String week = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13";

        // queries: a miss, a hit, a bad one, an unknown event type, a pass-through without the slots version
        keep(stack.slotgate(week));
        keep(stack.slotgate(week));
        keep(stack.slotgate("/v2/slots?eventTypeId=abc&start=2030-01-07&end=2030-01-08"));
        keep(stack.slotgate("/v2/slots?eventTypeId=999999&start=2030-01-07&end=2030-01-08"));
        keep(stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/event-types/1001"))
                .header("Authorization", "Bearer " + CLIENT_KEY).header("cal-api-version", "2024-06-14").GET().build()));
        // a booking through slotgate with the client's own key, and one with a key Cal.com refuses
        String booking = """
                {"start":"2030-01-08T10:00:00Z","eventTypeId":1001,"attendee":{"name":"Carol","email":"c@example.com",\
                "timeZone":"Europe/Paris"}}""";
        keep(stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/bookings"))
                .header("Authorization", "Bearer " + CLIENT_KEY).header("cal-api-version", "2024-08-13")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(booking)).build()));
        assertThat(responses.getLast().statusCode()).as(responses.getLast().body()).isEqualTo(201);
        keep(stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/bookings"))
                .header("Authorization", "Bearer " + CLIENT_KEY + "x").header("cal-api-version", "2024-08-13")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(booking)).build()));
        // webhooks: a signed one, a forged one
        byte[] created = """
                {"triggerEvent":"BOOKING_CREATED","createdAt":"2030-01-06T08:00:00.000Z","payload":{"uid":"abc",\
                "bookingId":7,"eventTypeId":1001,"startTime":"2030-01-09T10:00:00Z","endTime":"2030-01-09T10:15:00Z",\
                "organizer":{"id":1,"name":"Anna"},"attendees":[{"name":"C","email":"c@example.com"}]}}"""
                .getBytes(StandardCharsets.UTF_8);
        keep(webhook(created, WebhookSignature.sign(WEBHOOK_SECRET, created)));
        assertThat(responses.getLast().statusCode()).isEqualTo(200);
        keep(webhook(created, WebhookSignature.sign(WEBHOOK_SECRET + "-forged", created)));
        // admin calls: with the token, with a wrong one, with a bad parameter
        keep(admin("GET", "/admin/cache/stats", ADMIN_TOKEN));
        keep(admin("GET", "/admin/cache/keys?pattern=sg:*", ADMIN_TOKEN));
        keep(admin("GET", "/admin/policy", ADMIN_TOKEN));
        keep(admin("POST", "/admin/cache/clear?eventType=1001", ADMIN_TOKEN));
        assertThat(responses.getLast().statusCode()).isEqualTo(200);
        keep(admin("GET", "/admin/cache/stats", ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1)));
        assertThat(responses.getLast().statusCode()).isEqualTo(401);
        keep(admin("GET", "/admin/cache/keys?pattern=sg:%5Bx%5D", ADMIN_TOKEN));
        assertThat(responses.getLast().statusCode()).isEqualTo(400);
        // agents: MCP calls with the token (a read, a booking, a bad argument), one with a wrong token, and the
        // book-or-offer route
        keep(mcp("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}", AGENT_TOKEN));
        assertThat(responses.getLast().statusCode()).as(responses.getLast().body()).isEqualTo(200);
        keep(mcp(tool("find_next_slot", "{\"eventTypeId\":1001}"), AGENT_TOKEN));
        keep(mcp(tool("book_slot", "{\"eventTypeId\":1001,\"start\":\"2030-01-08T11:00:00Z\",\"attendee\":"
                + "{\"name\":\"Dan\",\"timeZone\":\"UTC\"}}"), AGENT_TOKEN));
        assertThat(responses.getLast().body()).contains("\\\"booked\\\":true");
        keep(mcp(tool("list_slots", "{\"eventTypeId\":\"x\"}"), AGENT_TOKEN));
        keep(mcp(tool("find_next_slot", "{\"eventTypeId\":1001}"), AGENT_TOKEN + "x"));
        assertThat(responses.getLast().statusCode()).isEqualTo(401);
        keep(stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v1/finder/book"))
                .header("Authorization", "Bearer " + AGENT_TOKEN).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(booking)).build()));
        // a verification round that finds a stale bucket, logged with its invalidation
        keep(stack.slotgate(week));
        stack.emulator.addBusyBlock(DemoData.ANNA, Instant.parse("2030-01-07T00:00:00Z"),
                Instant.parse("2030-01-14T00:00:00Z"));
        stack.slotgate.tenants().defaultTenant().verifier().verifyRound();
        keep(stack.slotgate(week));

        // a configuration holding every kind of secret, printed
        SlotgateConfig config = SlotgateConfig.defaults()
                .withCalcom(URI.create("https://api.cal.com"), Optional.of(new Secret(SLOTGATE_KEY)))
                .withWebhookSecret(Optional.of(new Secret(WEBHOOK_SECRET)))
                .withAdminToken(Optional.of(new Secret(ADMIN_TOKEN)))
                .withRedisUrl(Optional.of("redis://slotgate:" + REDIS_PASSWORD + "@redis.internal:6379/0"))
                .withAgentToken(Optional.of(new Secret(AGENT_TOKEN)))
                .withExtraTenants(List.of(new TenantSettings(new TenantId("acme"), URI.create("https://api.cal.com"),
                        Optional.of(new Secret(TENANT_KEY)), Optional.of(new Secret(TENANT_SECRET)),
                        Optional.of(new Secret(TENANT_AGENT_TOKEN)))));
        SlotgateConfig loaded = ConfigLoader.load(Optional.empty(), Map.of(
                "SLOTGATE_CALCOM_API_KEY", SLOTGATE_KEY, "SLOTGATE_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "SLOTGATE_ADMIN_TOKEN", ADMIN_TOKEN, "SLOTGATE_AGENT_TOKEN", AGENT_TOKEN,
                "SLOTGATE_REDIS_URL", "redis://:" + REDIS_PASSWORD + "@redis.internal:6379"), Map.of());

        List<ILoggingEvent> events;
        synchronized (captured) { // the request logger may still be appending
            events = new ArrayList<>(captured.list);
        }
        assertThat(events).as("the session was logged")
                .anyMatch(e -> e.getFormattedMessage().startsWith("request method=GET path=/v2/slots"))
                .anyMatch(e -> e.getFormattedMessage().startsWith("request method=POST path=/v2/bookings"))
                .anyMatch(e -> e.getFormattedMessage().startsWith("request method=GET path=/admin/cache/stats"))
                .anyMatch(e -> e.getFormattedMessage().startsWith("request method=POST path=/mcp"))
                .anyMatch(e -> e.getFormattedMessage().startsWith("fill tenant=default eventType=1001"))
                .anyMatch(e -> e.getFormattedMessage().startsWith("invalidation tenant=default eventType=1001")
                        && e.getFormattedMessage().contains("cause=webhook:BOOKING_CREATED"))
                .anyMatch(e -> e.getFormattedMessage().contains("cause=slotgate-booking"))
                .anyMatch(e -> e.getFormattedMessage().contains("outcome=stale")
                        && e.getFormattedMessage().contains("cause=verifier"));
        StringBuilder logs = new StringBuilder();
        for (ILoggingEvent event : events) {
            logs.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logs.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
            event.getMDCPropertyMap().forEach((k, v) -> logs.append(k).append('=').append(v).append('\n'));
        }
        StringBuilder answers = new StringBuilder();
        for (HttpResponse<String> response : responses) {
            answers.append(response.headers().map()).append('\n').append(response.body()).append('\n');
        }
        for (String secret : SECRETS) {
            assertThat(logs.toString().contains(secret)).as("a log line holds " + secret + ":\n" + around(logs, secret))
                    .isFalse();
            assertThat(answers.toString().contains(secret))
                    .as("an HTTP answer holds " + secret + ":\n" + around(answers, secret)).isFalse();
            assertThat(config.toString()).as("config.toString()").doesNotContain(secret);
            assertThat(loaded.toString()).as("loaded config.toString()").doesNotContain(secret);
        }
        assertThat(config.toString()).contains("calcomApiKey=Optional[****]", "adminToken=Optional[****]",
                "agentToken=Optional[****]",
                "redis://****@redis.internal:6379/0");
    }

    private static String around(CharSequence text, String secret) {
        String all = text.toString();
        int at = all.indexOf(secret);
        return at < 0 ? "" : all.substring(Math.max(0, at - 300), Math.min(all.length(), at + secret.length() + 100));
    }

    private void keep(HttpResponse<String> response) {
        responses.add(response);
    }

    private HttpResponse<String> mcp(String body, String token) {
        return stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/mcp"))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String tool(String name, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name
                + "\",\"arguments\":" + arguments + "}}";
    }

    private HttpResponse<String> webhook(byte[] body, String signature) {
        return stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/webhooks/calcom"))
                .header("content-type", "application/json").header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<String> admin(String method, String path, String token) {
        return stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
