package io.slotgate.agents;

import io.slotgate.cache.TenantId;
import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.AgentClient;
import io.slotgate.support.Stack;
import io.slotgate.tenant.TenantSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agent routes ({@code /mcp}, {@code /v1/finder/book}, and both under {@code /tenants/{tenant}}) need the tenant's
 * own agent token: a missing or wrong one, or another tenant's, gets 401 and nothing is booked; a tenant without a
 * token refuses every call.
 */
class AgentTokenGuardsEveryAgentRouteTest {
    private static final String DEFAULT_TOKEN = "agt_default_aa11";
    private static final String ACME_TOKEN = "agt_acme_bb22";
    private static final String BOOKING = "{\"eventTypeId\":1001,\"start\":\"2030-01-07T10:00:00Z\","
            + "\"attendee\":{\"name\":\"Eve\",\"timeZone\":\"UTC\"}}";
    private static final String TOOL_CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"book_slot\",\"arguments\":" + BOOKING + "}}";
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                PolicyHolder.fixed(Stack.TEST_POLICY), c -> c.withAgentToken(Optional.of(new Secret(DEFAULT_TOKEN)))
                        .withExtraTenants(List.of(
                                new TenantSettings(new TenantId("acme"), c.calcomUrl(), c.calcomApiKey(),
                                        c.webhookSecret(), Optional.of(new Secret(ACME_TOKEN))),
                                new TenantSettings(new TenantId("closed"), c.calcomUrl(), c.calcomApiKey(),
                                        c.webhookSecret()))));
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aMissingOrWrongTokenGets401AndNothingIsBooked() {
        for (String path : List.of("/mcp", "/tenants/acme/mcp", "/tenants/closed/mcp")) {
            for (String token : new String[]{null, "wrong", path.contains("acme") ? DEFAULT_TOKEN : ACME_TOKEN}) {
                HttpResponse<String> refused = post(path, token, TOOL_CALL);
                assertThat(refused.statusCode()).as(path + " with " + token).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
            }
        }
        for (String path : List.of("/v1/finder/book", "/tenants/acme/v1/finder/book", "/tenants/closed/v1/finder/book")) {
            for (String token : new String[]{null, "wrong", path.contains("acme") ? DEFAULT_TOKEN : ACME_TOKEN}) {
                assertThat(post(path, token, BOOKING).statusCode()).as(path + " with " + token).isEqualTo(401);
            }
        }
        assertThat(post("/tenants/nobody/mcp", DEFAULT_TOKEN, TOOL_CALL).statusCode()).isEqualTo(404);
        assertThat(stack.emulator.bookings()).isEmpty();
        assertThatThrownBy(() -> new AgentClient(stack.slotgateUrl(), "/mcp", "wrong").close());
    }

    @Test
    void eachTenantsOwnTokenOpensItsOwnRoutes() {
        try (AgentClient acme = new AgentClient(stack.slotgateUrl(), "/tenants/acme/mcp", ACME_TOKEN)) {
            assertThat(acme.call("find_next_slot", Map.of("eventTypeId", 1001)).path("found").asBoolean()).isTrue();
        }
        try (AgentClient root = new AgentClient(stack.slotgateUrl(), "/mcp", DEFAULT_TOKEN)) {
            assertThat(root.call("find_next_slot", Map.of("eventTypeId", 1001)).path("found").asBoolean()).isTrue();
        }
        assertThat(post("/tenants/acme/v1/finder/book", ACME_TOKEN, BOOKING).statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return stack.send(request.build());
    }
}
