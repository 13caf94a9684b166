package io.slotgate.simulator.generator;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workloads' parameters and presets, and the event streams they generate. */
class WorkloadTest {

    @Test
    void theSeedWorkloadGeneratesTheStreamItAlwaysHas() throws Exception {
        // the digest of seed 1's stream as generated before the presets' parameters existed: the seed's figures stay
        // reproducible only while its stream draws exactly what it drew
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<SimEvent> events = EventStream.generate(Workload.seed(), 1);
        for (SimEvent e : events) {
            String line = switch (e) {
                case SimEvent.Query q -> "Q|" + q.at() + "|" + q.seq() + "|" + q.eventTypeId() + "|" + q.kind() + "|"
                        + q.dayOffset();
                case SimEvent.Booking b -> "B|" + b.at() + "|" + b.seq() + "|" + b.eventTypeId() + "|" + b.pick() + "|"
                        + b.throughSlotgate() + "|" + b.cancelAfterSeconds() + "|" + b.rescheduleAfterSeconds() + "|"
                        + b.reschedulePick();
                case SimEvent.ExternalChange c -> "E|" + c.at() + "|" + c.seq() + "|" + c.eventTypeId() + "|"
                        + c.hostPick() + "|" + c.timePick() + "|" + c.add();
            };
            md.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(events).hasSize(48_123);
        assertThat(HexFormat.of().formatHex(md.digest()))
                .isEqualTo("874a6f4c1bb22662ee53d46968872c42f56457eb3c4292b43c849f8ca4c5a442");
        assertThat(events).filteredOn(e -> e instanceof SimEvent.Query).allSatisfy(e -> {
            SimEvent.Query q = (SimEvent.Query) e;
            assertThat(q.zone()).isEmpty();
            assertThat(q.startsNow()).isFalse();
            assertThat(q.durationMinutes()).isEmpty();
        });
    }

    @Test
    void theBookingRushIsTwentyQueriesASecondABookingEveryTwoSecondsAndABlockEveryTen() {
        Workload rush = Workload.bookingRush();
        List<SimEvent> events = EventStream.generate(rush, 1);
        List<SimEvent.Query> queries = events.stream().filter(e -> e instanceof SimEvent.Query)
                .map(e -> (SimEvent.Query) e).toList();
        List<SimEvent.Booking> bookings = events.stream().filter(e -> e instanceof SimEvent.Booking)
                .map(e -> (SimEvent.Booking) e).toList();
        List<SimEvent.ExternalChange> blocks = events.stream().filter(e -> e instanceof SimEvent.ExternalChange)
                .map(e -> (SimEvent.ExternalChange) e).toList();
        Instant start = rush.firstDay().atTime(rush.startTime()).atZone(rush.zone()).toInstant();

        assertThat(rush.eventTypes()).isEqualTo(10);
        assertThat(rush.demoTenant()).isTrue();
        assertThat(events).allMatch(e -> !e.at().isBefore(start) && e.at().isBefore(start.plus(Duration.ofMinutes(2))));
        assertThat(queries.size()).isBetween(2_250, 2_550); // 20 a second for 120 s
        assertThat(queries).extracting(SimEvent.Query::kind).containsOnly(SimEvent.QueryKind.SLOTS_7_DAYS,
                SimEvent.QueryKind.SLOTS_14_DAYS, SimEvent.QueryKind.ONE_DAY);
        assertThat(share(queries, SimEvent.Query::startsNow)).isBetween(0.17, 0.23);
        assertThat(queries.stream().map(q -> q.zone().orElseThrow()).distinct()).hasSize(9);
        Map<Long, List<Integer>> lengths = GeneratedTenant.allowedLengths(rush);
        assertThat(queries).filteredOn(q -> q.durationMinutes().isPresent()).isNotEmpty().allSatisfy(q -> {
            assertThat(lengths.get(q.eventTypeId())).hasSizeGreaterThan(1).contains(q.durationMinutes().get());
        });
        assertThat(bookings.size()).isBetween(45, 75); // one every 2 s
        assertThat(bookings).noneMatch(SimEvent.Booking::throughSlotgate);
        assertThat(bookings).filteredOn(b -> b.cancelled() || b.rescheduled()).isNotEmpty().allSatisfy(b ->
                assertThat(Math.max(b.cancelAfterSeconds(), b.rescheduleAfterSeconds())).isBetween(10L, 100L));
        assertThat(blocks.size()).isBetween(6, 20); // one every 10 s
        assertThat(blocks).allMatch(SimEvent.ExternalChange::add);
    }

    @Test
    void theColdStormAsksFiveThousandDifferentFarDaysOfFiftyEventTypes() {
        Workload storm = Workload.coldStorm();
        List<SimEvent> events = EventStream.generate(storm, 1);

        assertThat(storm.closedLoop()).isTrue();
        assertThat(storm.clients()).isEqualTo(64);
        assertThat(events).hasSize(5_000).allMatch(e -> e instanceof SimEvent.Query);
        Set<String> asked = new HashSet<>();
        for (SimEvent e : events) {
            SimEvent.Query q = (SimEvent.Query) e;
            assertThat(q.kind()).isEqualTo(SimEvent.QueryKind.ONE_DAY);
            assertThat(q.eventTypeId()).isBetween(1001L, 1050L);
            assertThat(q.dayOffset()).isBetween(100, 360);
            assertThat(asked.add(q.eventTypeId() + "/" + q.dayOffset())).as("asked once: " + q).isTrue();
        }
        assertThat(events.stream().map(e -> ((SimEvent.Query) e).eventTypeId()).distinct()).hasSize(50);
    }

    @Test
    void moreEventTypesThanTheDemoTenantsAreAGeneratedTenantWithHostsToMatch() {
        Workload two100 = Workload.seed().with(m -> {
            m.put("eventTypes", 200.0);
            return m;
        });
        assertThat(two100.eventTypes()).isEqualTo(200);
        assertThat(two100.demoTenant()).isFalse();
        assertThat(two100.hostCount()).isEqualTo(80);
        assertThat(Workload.seed().demoTenant()).isTrue();
        assertThat(Workload.seed().with(m -> {
            m.put("eventTypes", 4);
            return m;
        }).demoTenant()).isTrue();
        assertThat(Workload.seed().with(m -> {
            m.put("hosts", 2);
            return m;
        }).demoTenant()).as("other hosts than the demo's").isFalse();
    }

    @Test
    void aBadParameterIsRefusedByName() {
        assertThatThrownBy(() -> Workload.seed().with(m -> {
            m.put("eventTypes", 1_001);
            return m;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventTypes must be 1-1000");
        assertThatThrownBy(() -> Workload.seed().with(m -> {
            m.put("clients", 2.5);
            return m;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients must be a whole number");
        assertThatThrownBy(() -> Workload.seed().with(m -> {
            m.put("queryZones", "Europe/Berlin");
            return m;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queryZones must be a List");
        assertThatThrownBy(() -> Workload.preset("rush")).hasMessageContaining("seed, booking-rush, cold-storm");
        assertThat(Workload.numericParameters()).contains("peakQueriesPerMinute", "webhookMedianSeconds", "clients")
                .doesNotContain("name", "queryZones", "directBookersSeeCalcom");
        assertThat(Workload.seed().with(m -> {
            m.put("queryZones", List.of(ZoneId.of("Asia/Tokyo")));
            return m;
        }).queryZones()).containsExactly(ZoneId.of("Asia/Tokyo"));
    }

    private static double share(List<SimEvent.Query> queries, java.util.function.Predicate<SimEvent.Query> which) {
        return (double) queries.stream().filter(which).count() / queries.size();
    }
}
