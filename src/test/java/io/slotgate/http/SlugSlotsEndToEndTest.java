package io.slotgate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Organization;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v2/slots} by name ({@code username} or {@code teamSlug} with {@code eventTypeSlug}), over real sockets:
 * the name is resolved once through Cal.com's event-type routes, then answered from the event type's buckets, byte
 * for byte as Cal.com answers; a name Cal.com does not know gets Cal.com's own 404, and is looked up again only after
 * a minute.
 */
class SlugSlotsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAYS = "&start=2030-01-08&end=2030-01-09";
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
    void tenSlugQueriesAskedTwiceMakeNoCalcomCallOnTheRepeats() {
        List<String> queries = List.of(
                "username=anna&eventTypeSlug=intro-call" + DAYS,
                "username=anna&eventTypeSlug=consultation" + DAYS + "&duration=45&format=range",
                "username=ben&eventTypeSlug=strategy-session" + DAYS + "&timeZone=America/New_York",
                "username=priya&eventTypeSlug=office-hours&start=2030-01-10&end=2030-01-11",
                "username=oliver&eventTypeSlug=quick-sync" + DAYS + "&timeZone=Europe/London",
                "teamSlug=demo-team&eventTypeSlug=sales-demo" + DAYS,
                "teamSlug=demo-team&eventTypeSlug=support-call" + DAYS + "&format=range",
                "teamSlug=demo-team&eventTypeSlug=design-review&start=2030-01-08&end=2030-01-12",
                "teamSlug=demo-team&eventTypeSlug=architecture-sync" + DAYS + "&timeZone=Asia/Tokyo",
                "teamSlug=demo-team&eventTypeSlug=discovery" + DAYS + "&duration=60");
        for (String query : queries) {
            String path = "/v2/slots?" + query;
            HttpResponse<String> first = stack.slotgate(path);
            assertThat(first.headers().firstValue("X-Cache")).as(path).contains("MISS");
            assertThat(first.body()).as(path).isEqualTo(stack.calcom(path).body());
        }
        // the event-type catalog's load comes first: the key owner's list, the teams and the team's event types, and
        // the public lists of the team's three other members
        assertThat(stack.emulator.requestCount("/v2/teams"))
                .as("the team list once, then one lookup per team name, and the catalog's team list and team's types")
                .isEqualTo(1 + 5 + 2);
        assertThat(stack.emulator.requestCount("/v2/event-types") - stack.emulator.requestCount("/v2/event-types/"))
                .as("one lookup per user name, and the catalog's four lists").isEqualTo(5 + 4);
        assertThat(stack.emulator.requestCount("/v2/event-types/"))
                .as("the lookups describe the event types: no GET /v2/event-types/{id}").isZero();
        assertThat(stack.upstreamSlotCalls()).as("one fill per query, and the test's own ten").isEqualTo(10 + 10);
        long calls = stack.emulator.requestCount("/v2/");
        stack.clock.advance(Duration.ofSeconds(20));
        for (String query : queries) {
            HttpResponse<String> again = stack.slotgate("/v2/slots?" + query);
            assertThat(again.headers().firstValue("X-Cache")).as(query).contains("HIT");
        }
        assertThat(stack.emulator.requestCount("/v2/")).as("ten repeats, no Cal.com call").isEqualTo(calls);
    }

    @Test
    void aSlugQueryAndAnIdQueryForTheSameDaysShareOneFill() {
        String byId = "/v2/slots?eventTypeId=1006" + DAYS + "&timeZone=Europe/Berlin";
        String bySlug = "/v2/slots?teamSlug=demo-team&eventTypeSlug=sales-demo" + DAYS + "&timeZone=Europe/Berlin";
        assertThat(stack.slotgate(byId).headers().firstValue("X-Cache")).contains("MISS");
        HttpResponse<String> named = stack.slotgate(bySlug);
        assertThat(named.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(named.body()).isEqualTo(stack.slotgate(byId).body());
        assertThat(stack.upstreamSlotCalls()).isEqualTo(1);
    }

    @Test
    void aNameCalcomDoesNotKnowGetsCalcomsOwn404AndIsLookedUpAgainAfterAMinute() throws IOException {
        for (String query : List.of("username=anna&eventTypeSlug=nope", "username=nobody&eventTypeSlug=intro-call",
                "username=anna&eventTypeSlug=sales-demo", "teamSlug=demo-team&eventTypeSlug=nope",
                "teamSlug=elsewhere&eventTypeSlug=sales-demo",
                "teamSlug=demo-team&eventTypeSlug=sales-demo&organizationSlug=acme")) {
            String path = "/v2/slots?" + query + DAYS;
            HttpResponse<String> slotgate = stack.slotgate(path);
            HttpResponse<String> calcom = stack.calcom(path);
            assertThat(slotgate.statusCode()).as(path).isEqualTo(404);
            assertThat(slotgate.headers().firstValue("X-Cache")).as(path).contains("BYPASS");
            assertThat(message(slotgate)).as(path).isEqualTo(message(calcom));
        }
        String unknown = "/v2/slots?username=anna&eventTypeSlug=later" + DAYS;
        stack.slotgate(unknown);
        long lookups = stack.emulator.requestCount("/v2/event-types");
        stack.emulator.addEventType(new EventTypeSpec(1099, "later", 30, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(DemoData.ANNA)));
        stack.clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> meanwhile = stack.slotgate(unknown);
        assertThat(meanwhile.headers().firstValue("X-Cache")).as("still Cal.com's to answer").contains("BYPASS");
        assertThat(meanwhile.body()).isEqualTo(stack.calcom(unknown).body());
        assertThat(stack.emulator.requestCount("/v2/event-types")).as("no lookup within the minute").isEqualTo(lookups);
        stack.clock.advance(Duration.ofSeconds(31));
        HttpResponse<String> found = stack.slotgate(unknown);
        assertThat(found.headers().firstValue("X-Cache")).as("looked up again, now known").contains("MISS");
        assertThat(found.body()).isEqualTo(stack.calcom(unknown).body());
    }

    @Test
    void inAnOrganizationTeamsAreFoundOnlyWithItsSlugAndUsersWithOrWithoutIt() throws IOException {
        stack.emulator.setOrganization(new Organization(70, "acme", "Acme"));
        for (String query : List.of("teamSlug=demo-team&eventTypeSlug=sales-demo&organizationSlug=acme",
                "username=anna&eventTypeSlug=intro-call&organizationSlug=acme",
                "username=anna&eventTypeSlug=intro-call")) {
            String path = "/v2/slots?" + query + DAYS;
            HttpResponse<String> slotgate = stack.slotgate(path);
            assertThat(slotgate.headers().firstValue("X-Cache")).as(path).isNotEqualTo(java.util.Optional.of("BYPASS"));
            assertThat(slotgate.body()).as(path).isEqualTo(stack.calcom(path).body());
        }
        String outside = "/v2/slots?teamSlug=demo-team&eventTypeSlug=sales-demo" + DAYS;
        HttpResponse<String> slotgate = stack.slotgate(outside);
        assertThat(slotgate.statusCode()).as("findTeamBySlug wants a team outside any organization").isEqualTo(404);
        assertThat(message(slotgate)).isEqualTo("Team with slug demo-team not found")
                .isEqualTo(message(stack.calcom(outside)));
    }

    private static String message(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error").path("message").asText();
    }
}
