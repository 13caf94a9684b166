package io.slotgate.http;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.support.RandomEventTypes;
import io.slotgate.support.Stack;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random event types (individual, round robin, collective; buffers, notice, several lengths and intervals),
 * windows, zones, durations, item shapes and every {@code cal-api-version} that reaches Cal.com's 2024-04-15
 * controller (none included), slotgate's {@code GET /v2/slots/available} answers byte for byte what Cal.com (the
 * emulator) answers: cold, from buckets a {@code GET /v2/slots} query filled, and again once the clock has moved.
 */
class LegacySlotsMatchCalcomProperties {
    private static final Instant NOW = Instant.parse("2030-03-27T10:17:00Z");
    private static final List<String> ZONES = List.of("", "UTC", "GMT", "utc", "Etc/UTC", "Europe/Berlin",
            "europe/london", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney",
            "Pacific/Chatham", "America/St_Johns", "Asia/Tokyo", "Pacific/Apia");
    /** "" stands for no header at all. */
    private static final List<String> VERSIONS =
            List.of("", "2024-04-15", "2024-06-11", "2024-06-14", "2024-08-13", "2025-01-01");
    private static final RandomEventTypes EVENT_TYPES = new RandomEventTypes(7000, "legacy-");
    private static Stack stack;

    record Query(EventTypeSpec eventType, boolean newEventType, long startMinute, long lengthMinutes, boolean datesOnly,
                 String zone, Integer duration, String slotFormat, String version, boolean warmedByCurrentRoute) {
        String legacyPath() {
            Instant start = start();
            Instant end = start.plus(Duration.ofMinutes(lengthMinutes));
            StringBuilder p = new StringBuilder("/v2/slots/available?eventTypeId=").append(eventType.id())
                    .append("&startTime=").append(datesOnly ? day(start) : start)
                    .append("&endTime=").append(datesOnly ? day(end) : end);
            appendCommon(p);
            if (!slotFormat.isEmpty()) {
                p.append("&slotFormat=").append(slotFormat);
            }
            return p.toString();
        }

        /**
         * A 2024-09-04 query over the same UTC days, asked first to fill the buckets the legacy one reads (in UTC: the
         * buckets are UTC days whatever zone renders them).
         */
        String currentPath() {
            Instant start = start();
            Instant end = start.plus(Duration.ofMinutes(lengthMinutes));
            // in the same zone: its slot starts line up with the hour there, so a zone of another alignment class
            // reads other buckets
            String sameZone = zone.isEmpty() ? "" : io.slotgate.slots.RequestedZone.parseAnyCase(zone)
                    .filter(z -> !(z.zone() instanceof ZoneOffset))
                    .map(z -> "&timeZone=" + URLEncoder.encode(z.zone().getId(), StandardCharsets.UTF_8)).orElse("");
            return "/v2/slots?eventTypeId=" + eventType.id() + "&start=" + day(start) + "&end=" + day(end)
                    + sameZone + (duration == null ? "" : "&duration=" + duration);
        }

        /** A window that ends where it starts: Cal.com's {} but for date overrides, which slotgate leaves to it. */
        boolean empty() {
            return datesOnly && day(start()).equals(day(start().plus(Duration.ofMinutes(lengthMinutes))));
        }

        private Instant start() {
            return stack.clock.instant().plus(Duration.ofMinutes(startMinute));
        }

        private void appendCommon(StringBuilder p) {
            if (!zone.isEmpty()) {
                p.append("&timeZone=").append(URLEncoder.encode(zone, StandardCharsets.UTF_8));
            }
            if (duration != null) {
                p.append("&duration=").append(duration);
            }
        }

        private static String day(Instant instant) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
    }

    @BeforeContainer
    static void start() {
        // Cal.com's own layout: the legacy route renders the same Availability answer as GET /v2/slots, laid out as
        // Cal.com would (alignment in the requested zone, re-anchoring at now + notice)
        stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000));
        DemoData.install(stack.emulator);
    }

    @AfterContainer
    static void stop() {
        stack.close();
    }

    @Property(tries = 200)
    void slotgateAnswersTheLegacyRouteAsCalcomDoes(@ForAll("queries") Query query) {
        if (query.newEventType()) {
            stack.emulator.addEventType(query.eventType());
            EVENT_TYPES.created(query.eventType());
        }
        Instant boundary = RandomEventTypes.nextFiveMinuteBoundary(stack.clock.instant().plus(Duration.ofMinutes(7)));
        stack.clock.set(boundary.minusSeconds(20));
        if (query.warmedByCurrentRoute()) {
            assertThat(stack.slotgate(query.currentPath()).statusCode()).isEqualTo(200);
        }
        String path = query.legacyPath();
        HttpResponse<String> first = assertSameAnswer(path, query.version());
        if (query.empty()) {
            assertThat(first.headers().firstValue("X-Cache")).as(path).contains("BYPASS");
        } else if (query.warmedByCurrentRoute() && first.statusCode() == 200) {
            // from the buckets the current route filled, unless they could not tell this window's answer (an odd
            // edge, a buffer reaching in from outside it), which Cal.com is then asked for
            boolean asked = first.headers().firstValue("X-Slotgate-Layout").filter("asked"::equals).isPresent();
            assertThat(first.headers().firstValue("X-Cache")).as(path).contains(asked ? "MISS" : "HIT");
        }
        // past a five-minute boundary: every grid and notice here is a multiple of five minutes, so the answer served
        // from the same buckets must drop what the moving notice passed
        stack.clock.set(boundary.plusSeconds(10));
        HttpResponse<String> again = assertSameAnswer(path, query.version());
        if (first.statusCode() == 200) {
            // (an empty day's bucket may have expired in the 30 s between: HIT or MISS, but never passed through
            // once the first answer came from buckets)
            assertThat(again.headers().firstValue("X-Cache")).as(path)
                    .isEqualTo(first.headers().firstValue("X-Cache").filter("BYPASS"::equals)
                            .or(() -> again.headers().firstValue("X-Cache").filter(v -> !v.equals("BYPASS"))));
        }
    }

    private static HttpResponse<String> assertSameAnswer(String path, String version) {
        HttpResponse<String> calcom = stack.calcom(path, version);
        HttpResponse<String> slotgate = stack.slotgate(path, version);
        assertThat(slotgate.statusCode()).as(path).isEqualTo(calcom.statusCode());
        assertThat(slotgate.body()).as(path).isEqualTo(calcom.body());
        return slotgate;
    }

    @Provide
    Arbitrary<Query> queries() {
        Arbitrary<EventTypeSpec> fresh = EVENT_TYPES.fresh();
        Arbitrary<long[]> window = Combinators.combine(
                Arbitraries.longs().between(-2 * 1440, 40 * 1440),
                Arbitraries.longs().between(1, 14 * 1440)).as((s, l) -> new long[]{s, l});
        Arbitrary<String[]> versionAndWarming = Combinators.combine(Arbitraries.of(VERSIONS), Arbitraries.of("", "warm"))
                .as((version, warm) -> new String[]{version, warm});
        return Combinators.combine(fresh, Arbitraries.of(true, false), window, Arbitraries.of(true, false),
                        Arbitraries.of(ZONES), Arbitraries.integers().between(0, 3),
                        Arbitraries.of("", "range", "time", "RANGE"), versionAndWarming)
                .as((spec, reuseOld, w, datesOnly, zone, durationPick, format, route) -> {
                    RandomEventTypes.Choice choice = EVENT_TYPES.choose(spec, reuseOld, w[0]);
                    EventTypeSpec chosen = choice.eventType();
                    boolean isNew = choice.isNew();
                    Integer duration = RandomEventTypes.duration(chosen, durationPick);
                    return new Query(chosen, isNew, w[0], w[1], datesOnly, zone, duration, format,
                            route[0].isEmpty() ? null : route[0], !route[1].isEmpty());
                });
    }
}
