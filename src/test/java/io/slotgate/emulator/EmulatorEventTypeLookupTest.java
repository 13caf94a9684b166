package io.slotgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.openapi.OpenApiValidator;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.slotgate.emulator.EmulatorFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-type lookups by name (GET /v2/event-types with cal-api-version 2024-06-14, the team and organization
 * routes) and the slug variants of GET /v2/slots, over DemoData's users and its team "demo-team". Every 200 is checked
 * against Cal.com's OpenAPI document.
 */
class EmulatorEventTypeLookupTest {
    private static final String KEY = EmulatorSettings.DEMO_API_KEY;
    private final OpenApiValidator spec = OpenApiValidator.cal();
    private CalcomEmulator emulator;

    @BeforeEach
    void setUp() {
        emulator = new CalcomEmulator(new MutableClock(Instant.parse("2030-01-06T08:00:00Z")),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(10_000));
        DemoData.install(emulator);
    }

    @Test
    void aUsersOwnEventTypesAreFoundByUsernameAndSlug() {
        assertThat(ids(eventTypes("username=anna", false))).containsExactly(1001L, 1002L);
        assertThat(ids(eventTypes("username=anna&eventSlug=consultation", false))).containsExactly(1002L);
        assertThat(ids(eventTypes("username=anna&eventSlug=sales-demo", false)))
                .as("a team event type is not the user's own").isEmpty();
        assertThat(ids(eventTypes("username=zed", false))).as("an unknown user is an empty list").isEmpty();
        assertThat(ids(eventTypes("username=anna&orgSlug=acme", false))).as("not an organization").isEmpty();
        assertThat(ids(eventTypes("", true))).as("the key owner's").containsExactly(1001L, 1002L);
        assertThat(ids(eventTypes("", false))).as("nobody asked about").isEmpty();
        assertThat(ids(eventTypes("username=ben&unknown=1", false))).as("unknown parameters are dropped")
                .containsExactly(1003L);
    }

    @Test
    void usernamesGiveTheDynamicGroupEvent() {
        JsonNode dynamic = eventTypes("usernames=anna,ben", false).path("data").get(0);
        assertThat(dynamic.path("id").asLong()).isZero();
        assertThat(dynamic.path("slug").asText()).isEqualTo("dynamic");
        assertThat(dynamic.path("ownerId").asLong()).isZero();
        assertThat(dynamic.path("users").findValuesAsText("username")).containsExactly("anna", "ben");
    }

    @Test
    void aBadOrgIdIsTheValidationEnvelope() {
        EmulatorResponse response = get("/v2/event-types", "username=anna&orgId=abc",
                Map.of("cal-api-version", "2024-06-14"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/details/errors/0/constraints/isNumber").asText())
                .isEqualTo("orgId must be a number conforming to the specified constraints");
        assertThat(json(response).at("/error/details/errors/0/target").toString())
                .isEqualTo("{\"username\":\"anna\",\"orgId\":null}");
    }

    @Test
    void aTeamsEventTypesAreFoundByTeamAndSlug() {
        assertThat(ids(team("1", ""))).containsExactly(1006L, 1007L, 1008L, 1009L, 1010L);
        JsonNode one = team("1", "eventSlug=discovery&hostsLimit=2");
        assertThat(ids(one)).containsExactly(1010L);
        assertThat(one.at("/data/0/hosts")).hasSize(2);
        assertThat(one.at("/data/0/team/slug").asText()).isEqualTo("demo-team");
        assertThat(ids(team("99", ""))).isEmpty();
        EmulatorResponse bad = get("/v2/teams/abc/event-types", "", Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).at("/error/message").asText()).isEqualTo("Validation failed (numeric string is expected)");
    }

    @Test
    void anOrganizationsTeamEventTypesNeedTheKeyAndAnOrganization() {
        String path = "/v2/organizations/7/teams/event-types";
        assertThat(get(path, "", Map.of()).status()).isEqualTo(401);
        EmulatorResponse notAnOrg = get(path, "", Map.of("authorization", "Bearer " + KEY));
        assertThat(notAnOrg.status()).isEqualTo(403);
        assertThat(json(notAnOrg).at("/error/message").asText())
                .isEqualTo("IsOrgGuard - provided organization id=7 does not represent any existing organization.");

        emulator.setOrganization(new Organization(7, "acme", "Acme"));
        EmulatorResponse all = get(path, "", Map.of("authorization", "Bearer " + KEY));
        assertThat(conforming("GET", path, all)).isEqualTo(200);
        assertThat(ids(json(all))).containsExactly(1006L, 1007L, 1008L, 1009L, 1010L);
        assertThat(ids(json(get(path, "skip=1&take=2", Map.of("authorization", "Bearer " + KEY)))))
                .containsExactly(1007L, 1008L);
        assertThat(get(path, "take=251", Map.of("authorization", "Bearer " + KEY)).status()).isEqualTo(400);
        assertThat(ids(eventTypes("username=anna&orgSlug=acme", false))).containsExactly(1001L, 1002L);
        assertThat(ids(eventTypes("username=anna&orgId=7", false))).containsExactly(1001L, 1002L);
        assertThat(ids(eventTypes("username=anna&orgSlug=other", false))).isEmpty();
    }

    @Test
    void slotsByTeamSlugOrUsernameResolveToTheSameEventType() {
        String window = "&start=2030-01-07&end=2030-01-08";
        String byId = slots("eventTypeId=1006" + window).body();
        assertThat(slots("teamSlug=demo-team&eventTypeSlug=sales-demo" + window).body()).isEqualTo(byId);
        assertThat(slots("username=anna&eventTypeSlug=intro-call" + window).body())
                .isEqualTo(slots("eventTypeId=1001" + window).body());

        EmulatorResponse notOwn = slots("username=anna&eventTypeSlug=sales-demo" + window);
        assertThat(notOwn.status()).isEqualTo(404);
        assertThat(json(notOwn).at("/error/message").asText()).isEqualTo("Event Type not found");
        EmulatorResponse noTeam = slots("teamSlug=acme&eventTypeSlug=sales-demo" + window);
        assertThat(json(noTeam).at("/error/message").asText()).isEqualTo("Team with slug acme not found");
        EmulatorResponse noType = slots("teamSlug=demo-team&eventTypeSlug=nope" + window);
        assertThat(json(noType).at("/error/message").asText()).isEqualTo("Event Type not found");
        EmulatorResponse noOrg = slots("teamSlug=demo-team&eventTypeSlug=sales-demo&organizationSlug=acme" + window);
        assertThat(json(noOrg).at("/error/message").asText())
                .isEqualTo("slots-input.service.ts: Organization with slug acme not found");

        emulator.setOrganization(new Organization(7, "acme", "Acme"));
        assertThat(slots("teamSlug=demo-team&eventTypeSlug=sales-demo&organizationSlug=acme" + window).body())
                .isEqualTo(byId);
        EmulatorResponse group = slots("usernames=anna,oliver&organizationSlug=acme" + window);
        assertThat(group.status()).isEqualTo(200);
        assertThat(json(group).path("data").isObject()).isTrue();
    }

    @Test
    void theKeysOwnerTeamsAreListedWithTheOrganizationTheyBelongTo() {
        String key = "Bearer " + EmulatorSettings.DEMO_API_KEY;
        assertThat(get("/v2/teams", "", Map.of()).status()).as("behind the key").isEqualTo(401);
        EmulatorResponse plain = get("/v2/teams", "", Map.of("authorization", key));
        assertThat(conforming("GET", "/v2/teams", plain)).isEqualTo(200);
        assertThat(json(plain).path("data").toString()).startsWith("[{\"id\":1,\"parentId\":null,\"name\":\"Demo Team\","
                + "\"slug\":\"demo-team\",\"isOrganization\":false,");

        emulator.setOrganization(new Organization(7, "acme", "Acme"));
        JsonNode inOrganization = json(get("/v2/teams", "", Map.of("authorization", key))).path("data");
        assertThat(inOrganization).hasSize(2);
        assertThat(inOrganization.get(0).path("id").asLong()).isEqualTo(1);
        assertThat(inOrganization.get(0).path("parentId").asLong()).isEqualTo(7);
        assertThat(inOrganization.get(1).path("slug").asText()).isEqualTo("acme");
        assertThat(inOrganization.get(1).path("isOrganization").asBoolean()).isTrue();
        EmulatorResponse outside = slots("teamSlug=demo-team&eventTypeSlug=sales-demo&start=2030-01-07&end=2030-01-08");
        assertThat(json(outside).at("/error/message").asText()).as("findTeamBySlug wants parentId null")
                .isEqualTo("Team with slug demo-team not found");
    }

    @Test
    void theListRoutesAnswerOnlyForTheirVersion() {
        assertThat(get("/v2/event-types", "username=anna", Map.of()).status()).as("2024-04-15's list is not emulated")
                .isEqualTo(404);
        assertThat(get("/v2/teams/1/event-types", "", Map.of("cal-api-version", "2024-09-04")).status())
                .as("the team routes answer for every version").isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode eventTypes(String query, boolean withKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cal-api-version", "2024-06-14");
        if (withKey) {
            headers.put("authorization", "Bearer " + KEY);
        }
        EmulatorResponse response = get("/v2/event-types", query, headers);
        assertThat(conforming("GET", "/v2/event-types", response)).isEqualTo(200);
        return json(response);
    }

    private JsonNode team(String teamId, String query) {
        String path = "/v2/teams/" + teamId + "/event-types";
        EmulatorResponse response = get(path, query, Map.of());
        assertThat(conforming("GET", path, response)).isEqualTo(200);
        return json(response);
    }

    private EmulatorResponse slots(String query) {
        EmulatorResponse response = get("/v2/slots", query, Map.of("cal-api-version", "2024-09-04"));
        if (response.status() == 200) {
            conforming("GET", "/v2/slots", response);
        }
        return response;
    }

    private int conforming(String method, String path, EmulatorResponse response) {
        assertThat(spec.validateResponse(method, path, response.status(), response.body())).as(response.body()).isEmpty();
        return response.status();
    }

    private EmulatorResponse get(String path, String query, Map<String, String> headers) {
        return EmulatorFixtures.get(emulator, path, query, headers);
    }

    private static List<Long> ids(JsonNode body) {
        List<Long> ids = new ArrayList<>();
        body.path("data").forEach(t -> ids.add(t.path("id").asLong()));
        return ids;
    }
}
