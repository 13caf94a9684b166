package io.slotgate.http;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-type catalog over real sockets: the tenant's lists stand in for a lookup per event type, an id they do
 * not name costs at most one discovery lookup and no slots call, and a new event type is served within the discovery
 * delay (at once when nobody asked for its id lately; after the 60 s an id found unknown is answered 404 otherwise).
 */
class EventTypeCatalogEndToEndTest {
    private static final String DAYS = "&start=2030-01-07&end=2030-01-08";
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T12:00:00Z"));
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theListsDescribeEveryEventTypeSoNoneIsLookedUpById() {
        for (long id = 1001; id <= 1010; id++) {
            HttpResponse<String> answer = stack.slotgate("/v2/slots?eventTypeId=" + id + DAYS);
            assertThat(answer.statusCode()).as("event type %d", id).isEqualTo(200);
        }
        assertThat(stack.emulator.requestCount("/v2/event-types/")).as("per-id lookups").isZero();
        // the key owner's list, the teams, the team's event types, and the public lists of its three other members
        assertThat(stack.emulator.requestCount("/v2/event-types") + stack.emulator.requestCount("/v2/teams"))
                .as("list calls").isEqualTo(6);
        assertThat(stack.upstreamSlotCalls()).isEqualTo(10);
        assertThat(stack.slotgate.tenants().defaultTenant().availability().catalog().snapshot().listed())
                .isEqualTo(10);
    }

    @Test
    void listedFactsOutliveARefreshTheListsCouldNotAnswerSoNoEventTypeIsLookedUpByIdAfterIt() {
        stack.close();
        java.util.concurrent.atomic.AtomicBoolean listsDown = new java.util.concurrent.atomic.AtomicBoolean();
        // no retries: the failing refresh fails at once
        stack = Stack.start(Instant.parse("2030-01-06T12:00:00Z"), io.slotgate.emulator.EmulatorSettings.defaults()
                        .withLatency(io.slotgate.emulator.LatencyModel.zero()), io.slotgate.policy.PolicyHolder.fixed(Stack.TEST_POLICY),
                c -> c.with(b -> b.retry = new io.slotgate.calcom.RetryInterceptor.Settings(0, Duration.ZERO,
                        Duration.ZERO)), clock -> io.slotgate.calcom.Sleeper.system(),
                transport -> request -> {
                    String path = request.pathAndQuery();
                    if (listsDown.get() && path.startsWith("/v2/teams")) {
                        throw new java.io.IOException("the teams list unreachable (test): the refresh fails");
                    }
                    return transport.send(request);
                });
        DemoData.install(stack.emulator);
        for (long id = 1001; id <= 1010; id++) {
            assertThat(stack.slotgate("/v2/slots?eventTypeId=" + id + DAYS).statusCode()).isEqualTo(200);
        }
        var catalog = stack.slotgate.tenants().defaultTenant().availability().catalog();

        // the next refresh cannot read the lists; an hour later the facts of the last good one are still held
        stack.clock.advance(Duration.ofMinutes(30));
        listsDown.set(true);
        catalog.refresh();
        stack.clock.advance(Duration.ofMinutes(31));
        stack.emulator.clearRequests();
        for (long id = 1001; id <= 1010; id++) {
            HttpResponse<String> answer = stack.slotgate("/v2/slots?eventTypeId=" + id + DAYS); // expired: a fill
            assertThat(answer.statusCode()).as("event type %d", id).isEqualTo(200);
        }
        assertThat(stack.emulator.requestCount("/v2/event-types/")).as("per-id lookups").isZero();
        assertThat(stack.upstreamSlotCalls()).as("a fill each, and nothing else").isEqualTo(10);
    }

    @Test
    void anUnknownIdCostsOneDiscoveryLookupAndNoSlotsCall() {
        stack.slotgate("/v2/slots?eventTypeId=1001" + DAYS);
        stack.emulator.clearRequests();
        for (int i = 0; i < 5; i++) {
            assertThat(stack.slotgate("/v2/slots?eventTypeId=424242" + DAYS).statusCode()).isEqualTo(404);
        }
        assertThat(stack.upstreamSlotCalls()).isZero();
        assertThat(stack.emulator.requestCount("/v2/event-types/424242")).isEqualTo(1);
        assertThat(stack.emulator.requestCount("/v2/")).isEqualTo(1);
    }

    @Test
    void aNewEventTypeNobodyAskedForIsServedAtItsFirstQuery() {
        stack.slotgate("/v2/slots?eventTypeId=1001" + DAYS);
        stack.emulator.addEventType(newEventType(7001));
        HttpResponse<String> answer = stack.slotgate("/v2/slots?eventTypeId=7001" + DAYS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(stack.calcom("/v2/slots?eventTypeId=7001" + DAYS).body());
    }

    @Test
    void aNewEventTypeAskedForBeforeItExistedIsServedOnceTheUnknownPeriodIsOver() {
        String query = "/v2/slots?eventTypeId=7002" + DAYS;
        assertThat(stack.slotgate(query).statusCode()).isEqualTo(404);
        stack.emulator.addEventType(newEventType(7002));
        stack.clock.advance(Duration.ofSeconds(30));
        assertThat(stack.slotgate(query).statusCode()).as("still within the 60 s an unknown id is kept")
                .isEqualTo(404);
        stack.clock.advance(Duration.ofSeconds(31));
        HttpResponse<String> answer = stack.slotgate(query);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(stack.calcom(query).body());
    }

    @Test
    void discoveriesBeyondTheWindowsAllowanceAre503WithRetryAfterNot404() {
        stack.slotgate("/v2/slots?eventTypeId=1001" + DAYS);
        for (int i = 0; i < 12; i++) {
            assertThat(stack.slotgate("/v2/slots?eventTypeId=" + (800_000 + i) + DAYS).statusCode()).isEqualTo(404);
        }
        stack.emulator.clearRequests();
        HttpResponse<String> thirteenth = stack.slotgate("/v2/slots?eventTypeId=800012" + DAYS);
        assertThat(thirteenth.statusCode()).isEqualTo(503);
        assertThat(thirteenth.headers().firstValue("Retry-After")).isPresent();
        assertThat(stack.emulator.requestCount("/v2/")).isZero();
        stack.clock.advance(Duration.ofSeconds(62));
        assertThat(stack.slotgate("/v2/slots?eventTypeId=800012" + DAYS).statusCode()).isEqualTo(404);
    }

    /** An individual event type of the key's owner, as one created after slotgate loaded its catalog. */
    private static EventTypeSpec newEventType(long id) {
        return new EventTypeSpec(id, "new-" + id, 30, List.of(), null, 0, 0, 0, SchedulingType.INDIVIDUAL,
                List.of(DemoData.ANNA));
    }
}
