package io.slotgate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.openapi.OpenApiValidator;
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
 * For random event types, ranges, time zones (across DST changes), durations and formats, asked by id or by name (a
 * user's event type by username, a team's by team slug), slotgate answers exactly what Cal.com (the emulator) answers
 * for the same query, whether the days were cached or not. The clock sits days
 * before Europe's spring change and after America's; ranges reach past both.
 */
class SlotsMatchCalcomProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2030-03-27T10:17:00Z");
    private static final List<String> ZONES = List.of("", "UTC", "Europe/Berlin", "Europe/London", "America/New_York",
            "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney", "Pacific/Chatham", "America/St_Johns",
            "Asia/Tokyo", "Pacific/Apia", "europe/london", "asia/kolkata", "utc");
    private static final RandomEventTypes EVENT_TYPES = new RandomEventTypes(5000, "random-");
    private static Stack stack;

    /** DemoData's hosts by id: an individual event type is asked for by its host's username. */
    private static final List<String> USERNAMES = List.of("", "anna", "ben", "priya", "oliver");

    /** @param byName asked by name (username or teamSlug, with eventTypeSlug) instead of by id */
    record Query(EventTypeSpec eventType, boolean newEventType, long startMinute, long lengthMinutes, boolean datesOnly,
                 String zone, Integer duration, String format, boolean byName) {
        String path() {
            Instant start = stack.clock.instant().plus(Duration.ofMinutes(startMinute));
            Instant end = start.plus(Duration.ofMinutes(lengthMinutes));
            StringBuilder p = new StringBuilder("/v2/slots?");
            if (!byName) {
                p.append("eventTypeId=").append(eventType.id());
            } else if (eventType.schedulingType() == SchedulingType.INDIVIDUAL) {
                p.append("username=").append(USERNAMES.get((int) (long) eventType.hostIds().get(0)))
                        .append("&eventTypeSlug=").append(eventType.slug());
            } else {
                p.append("teamSlug=demo-team&eventTypeSlug=").append(eventType.slug());
            }
            p.append("&start=").append(datesOnly ? start.atOffset(ZoneOffset.UTC).toLocalDate() : start)
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
        if (query.newEventType()) {
            stack.emulator.addEventType(query.eventType());
            EVENT_TYPES.created(query.eventType());
        }
        String path = query.path();
        // Ask just before a five-minute boundary, then again just after it: every slot grid and notice here is a
        // multiple of five minutes, so the second answer, served from the bucket the first one filled, must drop
        // whatever slot the moving notice boundary passed.
        Instant boundary = RandomEventTypes.nextFiveMinuteBoundary(stack.clock.instant().plus(Duration.ofMinutes(7)));
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

    @Provide
    Arbitrary<Query> queries() {
        Arbitrary<EventTypeSpec> fresh = EVENT_TYPES.fresh();
        Arbitrary<Boolean> reuse = Arbitraries.of(true, false);
        Arbitrary<long[]> window = Combinators.combine(
                Arbitraries.longs().between(-2 * 1440, 40 * 1440),
                Arbitraries.longs().between(0, 14 * 1440)).as((s, l) -> new long[]{s, l});
        return Combinators.combine(fresh, reuse, window, Arbitraries.of(true, false), Arbitraries.of(ZONES),
                        Arbitraries.integers().between(0, 3), Arbitraries.of("", "time", "range", "RANGE"),
                        Arbitraries.of(false, true))
                .as((spec, reuseOld, w, datesOnly, zone, durationPick, format, byName) -> {
                    RandomEventTypes.Choice choice = EVENT_TYPES.choose(spec, reuseOld, w[0]);
                    EventTypeSpec chosen = choice.eventType();
                    boolean isNew = choice.isNew();
                    Integer duration = RandomEventTypes.duration(chosen, durationPick);
                    return new Query(chosen, isNew, w[0], w[1], datesOnly, zone, duration, format, byName);
                });
    }
}
