package io.slotgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.invalidation.Cause;
import io.slotgate.policy.PolicyHolder;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /admin/cache/*}: behind the admin token, stats, keys and clear against slotgate in front of the emulator. */
class CacheAdminEndpointTest {
    static final String TOKEN = "adm_cache_admin_test_token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MONDAY_1001 = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
    private static final String TUESDAY_1001 = "/v2/slots?eventTypeId=1001&start=2030-01-08&end=2030-01-08";
    private static final String MONDAY_1002 = "/v2/slots?eventTypeId=1002&start=2030-01-07&end=2030-01-07";

    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                PolicyHolder.fixed(Stack.TEST_POLICY), c -> c.withAdminToken(Optional.of(new Secret(TOKEN))), "acme");
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void everyCacheEndpointRefusesARequestWithoutTheTokenOrWithAWrongOne() {
        List<HttpRequest.Builder> calls = List.of(
                request("GET", "/admin/cache/stats"),
                request("GET", "/admin/cache/keys?pattern=sg:*"),
                request("POST", "/admin/cache/clear"));
        for (HttpRequest.Builder call : calls) {
            HttpResponse<String> none = stack.send(call.copy().build());
            HttpResponse<String> wrong = stack.send(call.copy().header("Authorization", "Bearer not-the-token").build());
            HttpResponse<String> notBearer = stack.send(call.copy().header("Authorization", TOKEN).build());
            for (HttpResponse<String> refused : List.of(none, wrong, notBearer)) {
                assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(401);
                assertThat(refused.body()).contains("Authorization: Bearer").doesNotContain(TOKEN);
            }
        }
        stack.slotgate(MONDAY_1001);
        stack.send(request("POST", "/admin/cache/clear").header("Authorization", "Bearer wrong").build());
        assertThat(header(stack.slotgate(MONDAY_1001), "X-Cache")).isEqualTo("HIT");
    }

    @Test
    void statsShowHitRateEntriesAgeBandsUpstreamCallsPerDayAndThePolicy() throws Exception {
        stack.slotgate(MONDAY_1001);
        stack.slotgate(MONDAY_1001);
        stack.slotgate(MONDAY_1002);
        stack.clock.advance(Duration.ofSeconds(45));

        JsonNode data = admin("GET", "/admin/cache/stats");

        assertThat(data.path("policy").asText()).isEqualTo("test");
        assertThat(data.path("redis").asBoolean()).isFalse();
        JsonNode tenant = data.path("tenants").path(0);
        assertThat(tenant.path("tenant").asText()).isEqualTo("default");
        assertThat(tenant.path("freshDays").asLong()).isEqualTo(1);
        assertThat(tenant.path("fetchedDays").asLong()).isEqualTo(2);
        assertThat(tenant.path("hitRate").asDouble()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(tenant.path("l1Buckets").asLong()).isEqualTo(2);
        assertThat(tenant.path("l2Buckets").isNull()).isTrue();
        assertThat(tenant.path("l1AgeBands").toString())
                .isEqualTo("{\"0-30s\":0,\"30-60s\":2,\"1-5min\":0,\"5-15min\":0,\">15min\":0}");
        JsonNode today = tenant.path("upstreamCallsPerDay").path("2030-01-06");
        // its Monday; its description came with the event-type catalog's lists (which name no event type)
        assertThat(today.path("1001").asLong()).isEqualTo(1);
        assertThat(today.path("1002").asLong()).isEqualTo(1);
        assertThat(tenant.path("verifier").path("samplesPending").asInt()).isEqualTo(2);
        assertThat(data.path("tenants").path(1).path("tenant").asText()).isEqualTo("acme");
        assertThat(data.path("tenants").path(1).path("l1Buckets").asLong()).isZero();
    }

    @Test
    void keysListTheBucketsMatchingAGlobWithAgesAndATruncatedFlag() throws Exception {
        stack.slotgate(MONDAY_1001);
        stack.slotgate(TUESDAY_1001);
        stack.slotgate(MONDAY_1002);

        JsonNode listing = admin("GET", "/admin/cache/keys?pattern=sg:default:slots:1001:*");
        assertThat(keys(listing)).containsExactly("sg:default:slots:1001:15:2030-01-07",
                "sg:default:slots:1001:15:2030-01-08");
        assertThat(listing.path("truncated").asBoolean()).isFalse();
        assertThat(listing.path("keys").path(0).path("tier").asText()).isEqualTo("L1");
        assertThat(listing.path("keys").path(0).path("slots").asInt()).isEqualTo(32);

        JsonNode one = admin("GET", "/admin/cache/keys?pattern=sg:*:slots:*:2030-01-07&limit=1");
        assertThat(keys(one)).containsExactly("sg:default:slots:1001:15:2030-01-07");
        assertThat(one.path("truncated").asBoolean()).isTrue();
        assertThat(keys(admin("GET", "/admin/cache/keys?pattern=sg:default:slots:100?:*:2030-01-0?"))).hasSize(3);
        assertThat(keys(admin("GET", "/admin/cache/keys?pattern=sg:acme:*"))).isEmpty();
    }

    @Test
    void badParametersAre400NamingTheParameterAndAnUnknownTenantIs404() {
        assertRefused("GET", "/admin/cache/keys", 400, "'pattern'");
        assertRefused("GET", "/admin/cache/keys?pattern=sg:%5Babc%5D", 400, "'pattern'");
        assertRefused("GET", "/admin/cache/keys?pattern=sg%20x", 400, "'pattern'");
        assertRefused("GET", "/admin/cache/keys?pattern=sg:*&limit=0", 400, "'limit'");
        assertRefused("GET", "/admin/cache/keys?pattern=sg:*&limit=lots", 400, "'limit'");
        assertRefused("POST", "/admin/cache/clear?eventType=abc", 400, "'eventType'");
        assertRefused("POST", "/admin/cache/clear?eventType=-3", 400, "'eventType'");
        assertRefused("POST", "/admin/cache/clear?tenant=nobody", 404, "'tenant'");
        assertRefused("POST", "/admin/cache/clear?tenant=NOT%20VALID", 404, "'tenant'");
    }

    @Test
    void aParameterGivenTwiceOrOneTheEndpointDoesNotTakeIsRefusedBeforeAnythingIsCleared() throws Exception {
        assertThat(header(stack.slotgate(MONDAY_1001), "X-Cache")).isEqualTo("MISS");
        assertRefused("POST", "/admin/cache/clear?eventType=1001&eventType=1002", 400, "eventType must be given once");
        assertRefused("POST", "/admin/cache/clear?eventTypeId=1001", 400, "eventTypeId should not exist");
        assertRefused("GET", "/admin/cache/keys?pattern=*&pattern=sg:*", 400, "pattern must be given once");
        assertRefused("GET", "/admin/cache/keys?pattern=*&limit=5&limit=6", 400, "limit must be given once");
        assertRefused("GET", "/admin/cache/keys?pattern=*&max=5", 400, "max should not exist");
        assertThat(header(stack.slotgate(MONDAY_1001), "X-Cache")).isEqualTo("HIT");
    }

    @Test
    void clearingOneEventTypeLeavesTheOthersCached() throws Exception {
        stack.slotgate(MONDAY_1001);
        stack.slotgate(TUESDAY_1001);
        stack.slotgate(MONDAY_1002);

        JsonNode cleared = admin("POST", "/admin/cache/clear?eventType=1001");

        assertThat(cleared.path("tenants").toString()).isEqualTo("[\"default\",\"acme\"]");
        assertThat(cleared.path("eventTypeId").asLong()).isEqualTo(1001);
        assertThat(cleared.path("generationsBumped").asLong()).isEqualTo(2);
        assertThat(cleared.path("l1Removed").asLong()).isEqualTo(2);
        assertThat(keys(admin("GET", "/admin/cache/keys?pattern=sg:default:*")))
                .containsExactly("sg:default:slots:1002:30:2030-01-07");
        assertThat(header(stack.slotgate(MONDAY_1002), "X-Cache")).isEqualTo("HIT");
        assertThat(header(stack.slotgate(MONDAY_1001), "X-Cache")).isEqualTo("MISS");
        assertThat(stack.slotgate.tenants().defaultTenant().invalidation().counters().invalidations(Cause.ADMIN))
                .isEqualTo(1);
    }

    @Test
    void clearingOneTenantLeavesTheOtherTenantsCacheAndClearingAllEmptiesEveryOne() throws Exception {
        stack.slotgate(MONDAY_1001);
        stack.slotgate("/tenants/acme" + MONDAY_1001);

        JsonNode acme = admin("POST", "/admin/cache/clear?tenant=acme");
        assertThat(acme.path("tenants").toString()).isEqualTo("[\"acme\"]");
        assertThat(acme.path("l1Removed").asLong()).isEqualTo(1);
        assertThat(header(stack.slotgate(MONDAY_1001), "X-Cache")).isEqualTo("HIT");
        assertThat(header(stack.slotgate("/tenants/acme" + MONDAY_1001), "X-Cache")).isEqualTo("MISS");

        JsonNode all = admin("POST", "/admin/cache/clear");
        assertThat(all.path("l1Removed").asLong()).isEqualTo(2);
        assertThat(keys(admin("GET", "/admin/cache/keys?pattern=*"))).isEmpty();
        assertThat(header(stack.slotgate(MONDAY_1001), "X-Cache")).isEqualTo("MISS");
    }

    private void assertRefused(String method, String path, int status, String naming) {
        HttpResponse<String> response = stack.send(request(method, path).header("Authorization", "Bearer " + TOKEN)
                .build());
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.body()).as(path).contains(naming);
    }

    private JsonNode admin(String method, String path) throws Exception {
        HttpResponse<String> response = stack.send(request(method, path).header("Authorization", "Bearer " + TOKEN)
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        return body.path("data");
    }

    private HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
    }

    private static List<String> keys(JsonNode listing) {
        List<String> keys = new ArrayList<>();
        listing.path("keys").forEach(k -> keys.add(k.path("key").asText()));
        return keys;
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
