package io.slotgate.finder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.support.Stack;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Next available is the first slot of a direct {@code GET /v2/slots} scan of Cal.com (the emulator) over the same
 * horizon, for random event types, start instants (past ones too), horizons and zones. Besides the demo event types,
 * whose first slot is always days away at most, a sparse one (one hour on Wednesdays, its host busy for the first
 * seven weeks and once more later) makes long searches across chunk boundaries, and "none within N days", common.
 */
class FinderNextAvailableProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2030-03-20T10:17:00Z");
    private static final long SPARSE_HOST = 77;
    private static final long SPARSE = 7001;
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Pacific/Chatham", "Australia/Sydney");
    private static Stack stack;

    @BeforeContainer
    static void start() {
        // Cal.com's own layout: slot starts lined up with the hour in the requested timeZone (a 30-minute event type
        // asked in Pacific/Chatham, +13:45, starts at :00 and :30 local, i.e. :15 and :45 UTC)
        stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000));
        DemoData.install(stack.emulator);
        stack.emulator.addHost(new Host(SPARSE_HOST, "sam", "Sam Sparse", "sam@example.com", ZoneId.of("America/Chicago"),
                List.of(new WorkingHours(EnumSet.of(DayOfWeek.WEDNESDAY), LocalTime.of(10, 0), LocalTime.of(11, 0)))));
        stack.emulator.addEventType(new EventTypeSpec(SPARSE, "rare", 30, List.of(), null, 0, 0, 0,
                SchedulingType.INDIVIDUAL, List.of(SPARSE_HOST)));
        stack.emulator.addBusyBlock(SPARSE_HOST, NOW, NOW.plus(Duration.ofDays(49)));
        stack.emulator.addBusyBlock(SPARSE_HOST, NOW.plus(Duration.ofDays(63)), NOW.plus(Duration.ofDays(77)));
    }

    @AfterContainer
    static void stop() {
        stack.close();
    }

    @Property(tries = 120)
    void nextAvailableIsTheFirstSlotOfADirectScan(@ForAll("eventTypes") long eventTypeId,
                                                  @ForAll @LongRange(min = -3 * 1440, max = 80 * 1440) long afterMinutes,
                                                  @ForAll @IntRange(min = 1, max = 90) int days,
                                                  @ForAll("zones") String zone) throws Exception {
        Instant after = NOW.plus(Duration.ofMinutes(afterMinutes));
        Instant until = after.plus(Duration.ofDays(days)).minusMillis(1);
        String tz = URLEncoder.encode(zone, StandardCharsets.UTF_8);

        HttpResponse<String> scan = stack.calcom("/v2/slots?format=range&eventTypeId=" + eventTypeId
                + "&start=" + after + "&end=" + until + "&timeZone=" + tz);
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        String firstInScan = null;
        for (JsonNode day : JSON.readTree(scan.body()).path("data")) {
            for (JsonNode slot : day) {
                String start = slot.path("start").asText();
                if (firstInScan == null || OffsetDateTime.parse(start).isBefore(OffsetDateTime.parse(firstInScan))) {
                    firstInScan = start;
                }
            }
        }

        HttpResponse<String> next = stack.slotgate("/v1/finder/next?eventTypeId=" + eventTypeId + "&after=" + after
                + "&days=" + days + "&timeZone=" + tz);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(next.body()).path("data");
        Statistics.collect(firstInScan == null ? "none" : "found");
        Statistics.coverage(coverage -> {
            coverage.check("none").percentage(p -> p >= 5);
            coverage.check("found").percentage(p -> p >= 30);
        });
        if (firstInScan == null) {
            assertThat(data.path("found").asBoolean()).isFalse();
            assertThat(data.path("slot").isNull()).isTrue();
        } else {
            assertThat(data.path("found").asBoolean()).isTrue();
            assertThat(data.path("slot").path("start").asText()).isEqualTo(firstInScan);
        }
    }

    @Provide
    Arbitrary<Long> eventTypes() {
        return Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(SPARSE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1001, 1010)))
                .flatMap(a -> a);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }
}
