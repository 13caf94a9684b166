package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook bodies as Cal.com sends them, read into events; and the days an invalidation covers. */
class WebhookPayloadsTest {
    private static WebhookEvent parse(String body) throws MalformedWebhookException {
        return WebhookPayloads.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRescheduleCarriesTheNewAndTheOldTimeAndTheTeamMembersAreHosts() throws Exception {
        WebhookEvent event = parse("""
                {"triggerEvent":"BOOKING_RESCHEDULED","createdAt":"…","payload":{"uid":"NEW","bookingId":92,
                "eventTypeId":7,"startTime":"2023-05-26T09:30:00Z","endTime":"2023-05-26T10:30:00Z",
                "rescheduleUid":"OLD","rescheduleStartTime":"2023-05-25T11:30:00+02:00",
                "rescheduleEndTime":"2023-05-25T12:30:00+02:00","organizer":{"id":5},
                "team":{"name":"T","members":[{"id":6,"name":"x"},{"name":"no id"}],"id":1},"status":"ACCEPTED"}}""");
        assertThat(event).isInstanceOfSatisfying(WebhookEvent.BookingChange.class, change -> {
            assertThat(change.eventTypeId()).hasValue(7);
            assertThat(change.hostIds()).containsExactlyInAnyOrder(5L, 6L);
            assertThat(change.windows()).containsExactly(
                    new TimeRange(Instant.parse("2023-05-26T09:30:00Z"), Instant.parse("2023-05-26T10:30:00Z")),
                    new TimeRange(Instant.parse("2023-05-25T09:30:00Z"), Instant.parse("2023-05-25T10:30:00Z")));
        });
    }

    @Test
    void anOutOfOfficeEntryNamesItsUser() throws Exception {
        WebhookEvent event = parse("""
                {"triggerEvent":"OOO_CREATED","payload":{"oooEntry":{"id":1,"uuid":"u-1",
                "start":"2030-01-09T00:00:00.000Z","end":"2030-01-10T23:59:59.999Z","user":{"id":3}}}}""");
        assertThat(event).isInstanceOfSatisfying(WebhookEvent.OutOfOffice.class,
                ooo -> assertThat(ooo.hostId()).isEqualTo(3));
    }

    @Test
    void unusableBodiesAreRefusedWithAMessage() {
        assertThatThrownBy(() -> parse("{\"triggerEvent\":\"BOOKING_CREATED\",\"payload\":{\"eventTypeId\":1,"
                + "\"startTime\":\"yesterday\",\"endTime\":\"2030-01-01T00:00:00Z\"}}"))
                .hasMessageContaining("startTime");
        assertThatThrownBy(() -> parse("{\"triggerEvent\":\"BOOKING_CREATED\",\"payload\":{"
                + "\"startTime\":\"2030-01-01T00:00:00Z\",\"endTime\":\"2030-01-01T01:00:00Z\"}}"))
                .hasMessageContaining("eventTypeId");
        assertThatThrownBy(() -> parse("{\"triggerEvent\":42}")).hasMessageContaining("triggerEvent");
    }

    /** A sink that records the days changed, and calls {@code each} on every one. */
    private static InvalidationSink recording(java.util.function.Consumer<CacheKey.Generation> each) {
        return new InvalidationSink() {
            @Override
            public void changed(CacheKey.Generation day, io.slotgate.cache.DayChange change) {
                each.accept(day);
            }

            @Override
            public void mayHaveFreed(CacheKey.Generation day, Instant learnedAt) {
                each.accept(day);
            }
        };
    }

    @Test
    void buffersWidenTheBusyTimeAcrossMidnightAsCalcomStretchesIt() {
        List<CacheKey.Generation> bumped = new ArrayList<>();
        TenantId tenant = TenantId.DEFAULT;
        HostMap hosts = new HostMap(tenant, id -> EventTypeInfo.unknown(id), Scheduler.inline());
        hosts.learn(new EventTypeInfo(1, 30, List.of(), 0, 0, 30, List.of(9L)));   // booked: 30 min after
        hosts.learn(new EventTypeInfo(2, 30, List.of(), 0, 20, 0, List.of(9L)));   // same host: 20 min before
        hosts.learn(new EventTypeInfo(3, 30, List.of(), 0, 0, 0, List.of(8L)));    // another host
        Invalidator invalidator = new Invalidator(tenant, recording(bumped::add), hosts, new InvalidationCounters(),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        invalidator.bookingChanged(OptionalLong.of(1), Set.of(9L), Invalidator.HostTimes.booked(List.of(new TimeRange(
                Instant.parse("2030-01-08T23:00:00Z"), Instant.parse("2030-01-08T23:30:00Z")))), Cause.ADMIN);
        // type 1: the booking and its own 30 minutes after end at midnight, so no slot of the 9th overlaps them; type
        // 2's 20 minutes before a slot reach back across midnight: its 00:00 slot of the 9th is blocked. Each also
        // tells the day after its last, where a range running over midnight is cut (BucketPatch)
        assertThat(bumped).containsExactlyInAnyOrder(
                new CacheKey.Generation(tenant, 1, LocalDate.parse("2030-01-08")),
                new CacheKey.Generation(tenant, 1, LocalDate.parse("2030-01-09")),
                new CacheKey.Generation(tenant, 2, LocalDate.parse("2030-01-08")),
                new CacheKey.Generation(tenant, 2, LocalDate.parse("2030-01-09")),
                new CacheKey.Generation(tenant, 2, LocalDate.parse("2030-01-10")));
    }

    @Test
    void aFailingEventTypeDoesNotStopTheOthers() {
        List<Long> done = new ArrayList<>();
        HostMap hosts = new HostMap(TenantId.DEFAULT, id -> EventTypeInfo.unknown(id), Scheduler.inline());
        hosts.learn(new EventTypeInfo(1, 30, List.of(), 0, 0, 0, List.of(9L)));
        hosts.learn(new EventTypeInfo(2, 30, List.of(), 0, 0, 0, List.of(9L)));
        InvalidationCounters counters = new InvalidationCounters();
        Invalidator invalidator = new Invalidator(TenantId.DEFAULT, recording(key -> {
            if (key.eventTypeId() == 1) {
                throw new IllegalStateException("store down");
            }
            done.add(key.eventTypeId());
        }), hosts, counters, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        invalidator.hostUnavailable(9, new TimeRange(Instant.parse("2030-01-02T10:00:00Z"),
                Instant.parse("2030-01-02T11:00:00Z")), Cause.webhook("OOO_CREATED"));
        assertThat(done).isNotEmpty().containsOnly(2L);
        assertThat(counters.get(InvalidationCounters.FAILURES)).isEqualTo(1);
    }
}
