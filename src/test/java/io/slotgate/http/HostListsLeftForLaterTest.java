package io.slotgate.http;

import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.ManualScheduler;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static io.slotgate.support.SlotsBodies.offers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cold start that leaves hosts' public lists for later rate windows (the catalog's allowance set to one list a
 * window): the event types only those lists name are served at their first query, as Cal.com answers them and with no
 * lookup by id; while their hosts are unknown, any booking invalidates them; the next full load describes them. In the
 * demo tenant the owner's and the team's lists name Ben, Oliver and Priya as hosts, in that order: Ben's list is read
 * at once, Oliver's (1005) and Priya's (1004) are left.
 */
class HostListsLeftForLaterTest {
    private static final Instant NOW = Instant.parse("2030-01-06T08:00:00Z");
    private static final String WEEK = "&start=2030-01-07&end=2030-01-13";
    /** Tuesday 10:00 in London and 11:00 in Berlin: Oliver and Anna both free. */
    private static final Instant TEN = Instant.parse("2030-01-08T10:00:00Z");
    private Stack stack;
    private ManualScheduler deliveries;

    @BeforeEach
    void start() {
        stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                        .withoutSlotsCache(), PolicyHolder.fixed(Stack.TEST_POLICY),
                c -> c.with(b -> b.catalog = new EventTypeCatalog.Settings(true, Duration.ofMinutes(30), 1,
                        Duration.ofMinutes(1), 50)));
        DemoData.install(stack.emulator);
        deliveries = new ManualScheduler();
        stack.emulator.webhooks().use(deliveries, WebhookDeliveryModel.immediate());
        stack.sendWebhooksTo(stack.slotgate);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private EventTypeCatalog catalog() {
        return stack.slotgate.tenants().defaultTenant().availability().catalog();
    }

    private boolean described(long eventTypeId) {
        return stack.slotgate.tenants().defaultTenant().eventTypes().peek(eventTypeId)
                .filter(EventTypeInfo::isKnown).isPresent();
    }

    @Test
    void anEventTypeWhoseHostsListIsLeftForLaterIsServedAtItsFirstQueryWithoutALookupById() {
        for (long id = 1001; id <= 1010; id++) {
            HttpResponse<String> answer = stack.slotgate("/v2/slots?eventTypeId=" + id + WEEK);
            assertThat(answer.statusCode()).as("event type %d", id).isEqualTo(200);
            assertThat(answer.body()).as("event type %d", id)
                    .isEqualTo(stack.calcom("/v2/slots?eventTypeId=" + id + WEEK).body());
        }
        assertThat(stack.emulator.requestCount("/v2/event-types/")).as("per-id lookups").isZero();
        // the owner's list, the teams, the team's event types and one host's list; two hosts' lists left
        assertThat(stack.emulator.requestCount("/v2/event-types") + stack.emulator.requestCount("/v2/teams"))
                .as("list calls").isEqualTo(4);
        EventTypeCatalog.Snapshot cold = catalog().snapshot();
        assertThat(cold.hostListsPending()).isEqualTo(2);
        assertThat(cold.provisional()).as("Oliver's 1005 and Priya's 1004").isEqualTo(2);
        assertThat(described(1005)).isFalse();

        catalog().refresh();
        EventTypeCatalog.Snapshot loaded = catalog().snapshot();
        assertThat(loaded.listed()).isEqualTo(10);
        assertThat(loaded.provisional()).isZero();
        assertThat(loaded.hostListsPending()).isZero();
        assertThat(described(1005)).isTrue();
        assertThat(stack.emulator.requestCount("/v2/event-types/")).as("per-id lookups").isZero();
    }

    @Test
    void aBookingOnAnotherEventTypeTakesItsSlotOutOfAnEventTypeWhoseHostsAreNotKnownYet() {
        String oliversWeek = "/v2/slots?eventTypeId=1005" + WEEK;
        assertThat(stack.slotgate("/v2/slots?eventTypeId=1008" + WEEK).statusCode()).isEqualTo(200);
        HttpResponse<String> before = stack.slotgate(oliversWeek);
        assertThat(offers(before, TEN)).isTrue();
        assertThat(described(1005)).as("Oliver's list is left for later").isFalse();

        // design-review is Anna's and Oliver's together: booked, it takes Oliver's 10:00 from his quick-sync too
        HttpResponse<String> booked = stack.bookOnCalcom(1008, TEN);
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        assertThat(offers(stack.slotgate(oliversWeek), TEN)).as("no webhook yet: the cached copy").isTrue();

        assertThat(deliveries.runAll()).isEqualTo(1);
        // its facts unknown, the copy cannot be patched exactly: it is cut wide (fewer slots, never a taken one) and
        // refetched
        assertThat(offers(stack.slotgate(oliversWeek), TEN)).isFalse();
        String calcom = stack.calcom(oliversWeek).body();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(stack.slotgate(oliversWeek).body()).isEqualTo(calcom));
    }

}
