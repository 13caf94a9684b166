package io.slotgate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.openapi.OpenApiValidator;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random event types, ranges, time zones (across DST changes), durations and formats, slotgate answers exactly
 * what Cal.com (the emulator) answers for the same query, whether the days were cached or not. The clock sits days
 * before Europe's spring change and after America's; ranges reach past both.
 */
class SlotsMatchCalcomProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2030-03-27T10:17:00Z");
    private static final List<String> ZONES = List.of("", "UTC", "Europe/Berlin", "Europe/London", "America/New_York",
            "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney", "Pacific/Chatham", "America/St_Johns",
            "Asia/Tokyo", "Pacific/Apia");
    private static final AtomicLong NEXT_ID = new AtomicLong(5000);
    private static final List<EventTypeSpec> CREATED = new ArrayList<>();
    private static Stack stack;

    record Query(EventTypeSpec eventType, boolean newEventType, long startMinute, long lengthMinutes, boolean datesOnly,
                 String zone, Integer duration, String format) {
        String path() {
            Instant start = stack.clock.instant().plus(Duration.ofMinutes(startMinute));
            Instant end = start.plus(Duration.ofMinutes(lengthMinutes));
            StringBuilder p = new StringBuilder("/v2/slots?eventTypeId=").append(eventType.id())
                    .append("&start=").append(datesOnly ? start.atOffset(ZoneOffset.UTC).toLocalDate() : start)
                    .append("&end=").append(datesOnly ? end.atOffset(ZoneOffset.UTC).toLocalDate() : end);
            if (!zone.isEmpty()) {
                p.append("&timeZone=").append(URLEncoder.encode(zone, StandardCharsets.UTF_8));
            }
            if (duration != null) {
                p.append("&duration=").append(duration);
            }
            if (!format.isEmpty()) {
                p.append("&format=").append(format);
            }
            return p.toString();
        }
    }

    @BeforeContainer
    static void start() {
        // Cal.com's own layout: alignment in the requested zone, runs restarting at now + notice and at an explicit
        // start, ranges clipped at the window's ends (docs/calcom-slots.md); slotgate lays its cached days out the
        // same way, or asks Cal.com when they cannot tell (a call is to spare here)
        stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000));
        DemoData.install(stack.emulator);
    }

    @AfterContainer
    static void stop() {
        stack.close();
    }

    @Property(tries = 250)
    void slotgateAnswersWhatCalcomAnswers(@ForAll("queries") Query query) throws Exception {
        synchronized (CREATED) {
            if (query.newEventType()) {
                stack.emulator.addEventType(query.eventType());
                CREATED.add(query.eventType());
            }
        }
        String path = query.path();
        // Ask just before a five-minute boundary, then again just after it: every slot grid and notice here is a
        // multiple of five minutes, so the second answer, served from the bucket the first one filled, must drop
        // whatever slot the moving notice boundary passed.
        Instant boundary = nextFiveMinuteBoundary(stack.clock.instant().plus(Duration.ofMinutes(7)));
        stack.clock.set(boundary.minusSeconds(20));
        assertSameAnswer(path);
        stack.clock.set(boundary.plusSeconds(10));
        assertSameAnswer(path);
    }

    private static void assertSameAnswer(String path) throws Exception {
        HttpResponse<String> calcom = stack.calcom(path);
        HttpResponse<String> slotgate = stack.slotgate(path);
        assertThat(slotgate.statusCode()).as(path).isEqualTo(calcom.statusCode());
        if (calcom.statusCode() == 200) {
            assertThat(slotgate.body()).as(path).isEqualTo(calcom.body());
            assertThat(OpenApiValidator.cal().validateResponse("GET", "/v2/slots", 200, calcom.body())).isEmpty();
        } else {
            assertThat(JSON.readTree(slotgate.body()).path("error").path("message").asText()).as(path)
                    .isEqualTo(JSON.readTree(calcom.body()).path("error").path("message").asText());
        }
    }

    private static Instant nextFiveMinuteBoundary(Instant after) {
        long fiveMinutes = 300;
        return Instant.ofEpochSecond((after.getEpochSecond() / fiveMinutes + 1) * fiveMinutes);
    }

    @Provide
    Arbitrary<Query> queries() {
        Arbitrary<EventTypeSpec> fresh = eventTypes();
        Arbitrary<Boolean> reuse = Arbitraries.of(true, false);
        Arbitrary<long[]> window = Combinators.combine(
                Arbitraries.longs().between(-2 * 1440, 40 * 1440),
                Arbitraries.longs().between(0, 14 * 1440)).as((s, l) -> new long[]{s, l});
        return Combinators.combine(fresh, reuse, window, Arbitraries.of(true, false), Arbitraries.of(ZONES),
                        Arbitraries.integers().between(0, 3), Arbitraries.of("", "time", "range", "RANGE"))
                .as((spec, reuseOld, w, datesOnly, zone, durationPick, format) -> {
                    EventTypeSpec chosen = spec;
                    boolean isNew = true;
                    synchronized (CREATED) {
                        if (reuseOld && !CREATED.isEmpty()) {
                            chosen = CREATED.get((int) (Math.abs(w[0]) % CREATED.size()));
                            isNew = false;
                        }
                    }
                    List<Integer> lengths = chosen.allowedLengths();
                    Integer duration = durationPick == 0 ? null
                            : durationPick == 3 ? 7 : lengths.get(durationPick % lengths.size());
                    return new Query(chosen, isNew, w[0], w[1], datesOnly, zone, duration, format);
                });
    }

    private Arbitrary<EventTypeSpec> eventTypes() {
        Arbitrary<Integer> length = Arbitraries.of(15, 20, 30, 45, 60, 90);
        Arbitrary<List<Integer>> options = Arbitraries.of(15, 30, 60).list().ofMaxSize(2).uniqueElements();
        Arbitrary<Integer> interval = Arbitraries.of(0, 5, 10, 15, 30);
        Arbitrary<Integer> buffer = Arbitraries.of(0, 5, 10, 30);
        Arbitrary<Integer> notice = Arbitraries.of(0, 15, 60, 240, 1440, 2880);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
        Arbitrary<Long> firstHost = Arbitraries.longs().between(1, 4);
        return Combinators.combine(length, options, interval, buffer, buffer, notice, kind, firstHost)
                .as((len, opts, step, before, after, minNotice, k, host) -> {
                    SchedulingType type = SchedulingType.values()[k];
                    List<Long> hosts = type == SchedulingType.INDIVIDUAL ? List.of(host)
                            : List.of(host, host % 4 + 1);
                    List<Integer> lengthOptions = opts.isEmpty() ? List.of() : withLength(opts, len);
                    return new EventTypeSpec(NEXT_ID.incrementAndGet(), "random-" + NEXT_ID.get(), len,
                            lengthOptions, step == 0 ? null : step, before, after, minNotice, type, hosts);
                });
    }

    private static List<Integer> withLength(List<Integer> options, int length) {
        List<Integer> all = new ArrayList<>(options);
        if (!all.contains(length)) {
            all.add(length);
        }
        return all;
    }
}
