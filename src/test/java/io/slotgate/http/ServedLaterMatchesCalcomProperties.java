package io.slotgate.http;

import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyJson;
import io.slotgate.support.SlotsBodies;
import io.slotgate.support.Stack;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day filled at t0 and served at a later t1 is Cal.com's answer at t1 (docs/calcom-slots.md): over random hosts in
 * zones of every offset (+05:30, +05:45, -03:30 among them), working hours, busy times at odd minutes, frequencies of
 * 15 to 90 minutes, notice, windows and clock instants. The buckets stay fresh for a day here, so the second answer
 * is laid out again from the first fill, or, where the cached days cannot tell, asked of Cal.com. An answer that
 * leaves out slots only a busy time just outside the window frees ({@code X-Slotgate-Layout: without-edge-gaps})
 * never offers a slot Cal.com does not, and differs only within that busy time's stretch of the window's edges.
 */
class ServedLaterMatchesCalcomProperties {
    private static final Instant T0 = Instant.parse("2030-06-10T06:17:23Z");
    private static final List<String> ZONES = List.of("Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns",
            "Europe/Berlin", "UTC", "America/Los_Angeles", "Australia/Adelaide");
    private static final AtomicLong NEXT = new AtomicLong(100);
    private static Stack stack;

    /** Fresh for a day, never stale: what the second ask gets is the first fill, laid out again. */
    private static final String LONG_LIVED = "{\"name\":\"long-lived\",\"freshTodaySeconds\":86400,"
            + "\"freshNearSeconds\":86400,\"freshFarSeconds\":86400,\"freshEmptySeconds\":86400,"
            + "\"staleWindowSeconds\":0,\"webhookSilenceMinutes\":0,\"refreshAheadBeta\":0,"
            + "\"refreshOnInvalidate\":false,\"warmTopEventTypes\":0,\"fillNearDays\":14,\"fillFarMonths\":0,"
            + "\"fillSpanDays\":31,\"backgroundSpacingSeconds\":0,\"patchConfirmSeconds\":0,\"freedSpacingSeconds\":0}";

    record World(List<String> zones, List<Integer> startQuarters, List<Integer> hours, SchedulingType scheduling,
                 int length, Integer interval, int before, int after, int notice, List<int[]> busy,
                 int windowStartMinutes, int windowDays, boolean datesOnly, String askedIn, int laterMinutes) {
    }

    private record Type(SchedulingType scheduling, int length, Integer interval, int before, int after, int notice) {
    }

    private record Ask(int startMinutes, int days, boolean datesOnly, String zone, int laterMinutes) {
    }

    @BeforeContainer
    static void start() {
        stack = Stack.start(T0, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                // every try installs new event types of new hosts while the clock stands still: the event-type catalog
                // would ration their discovery (12 a window), which is not what this property is about
                .withoutSlotsCache(), PolicyHolder.fixed(PolicyJson.parse(LONG_LIVED)),
                c -> c.withCatalog(io.slotgate.availability.EventTypeCatalog.Settings.disabled()));
    }

    @AfterContainer
    static void stop() {
        stack.close();
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<Type> types = Combinators.combine(Arbitraries.of(SchedulingType.values()),
                Arbitraries.of(15, 20, 30, 45, 50, 60, 90), Arbitraries.of(0, 0, 15, 20, 30).map(i -> i == 0 ? null : i),
                Arbitraries.of(0, 0, 5, 10), Arbitraries.of(0, 0, 5, 10), Arbitraries.of(0, 30, 120)).as(Type::new);
        Arbitrary<Ask> asks = Combinators.combine(Arbitraries.integers().between(-600, 3 * 1440),
                Arbitraries.integers().between(1, 6), Arbitraries.of(true, false), Arbitraries.of(ZONES),
                Arbitraries.integers().between(0, 10 * 60)).as(Ask::new);
        Arbitrary<int[]> busy = Combinators.combine(Arbitraries.integers().between(0, 8 * 1440),
                Arbitraries.integers().between(7, 170)).as((s, l) -> new int[] {s, l});
        return Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(
                Arbitraries.of(ZONES).list().ofSize(n),
                Arbitraries.integers().between(6 * 4, 12 * 4).list().ofSize(n),
                Arbitraries.integers().between(3, 10).list().ofSize(n), types, busy.list().ofMaxSize(6), asks
        ).as((zones, starts, hours, type, blocks, ask) -> new World(zones, starts, hours,
                n == 1 ? SchedulingType.INDIVIDUAL : type.scheduling(), type.length(), type.interval(),
                type.before(), type.after(), type.notice(), blocks, ask.startMinutes(), ask.days(), ask.datesOnly(),
                ask.zone(), ask.laterMinutes())));
    }

    @Property(tries = 120)
    void aDayFilledEarlierIsServedAsCalcomWouldAnswerNow(@ForAll("worlds") World w) {
        stack.clock.set(T0);
        long eventType = install(w);
        String path = path(w, eventType);
        HttpResponse<String> first = stack.slotgate(path);
        assertThat(first.statusCode()).as(path).isEqualTo(200);

        stack.clock.set(T0.plus(Duration.ofMinutes(w.laterMinutes())).plusSeconds(w.laterMinutes() % 47));
        HttpResponse<String> later = stack.slotgate(path);
        HttpResponse<String> calcom = stack.calcom(path);
        String layout = later.headers().firstValue("X-Slotgate-Layout").orElse("exact");
        Statistics.collect(layout, later.headers().firstValue("X-Cache").orElse(""));
        assertThat(layout).as("a call was always to spare here").isNotEqualTo("conservative");
        if (layout.equals("exact")) {
            assertThat(later.body()).as(path + " at " + stack.clock.instant()).isEqualTo(calcom.body());
            return;
        }
        java.util.Set<String> served = SlotsBodies.starts(later.body());
        java.util.Set<String> truth = SlotsBodies.starts(calcom.body());
        assertThat(truth).as("never a slot Cal.com does not offer: " + path).containsAll(served);
        Duration reach = Duration.ofMinutes(w.before() + w.after() + w.length());
        Instant windowStart = windowStart(w);
        Instant windowEnd = windowEnd(w);
        for (String missing : truth) {
            if (!served.contains(missing)) {
                Instant at = java.time.OffsetDateTime.parse(missing).toInstant();
                Instant bound = max(windowStart, stack.clock.instant().plus(Duration.ofMinutes(w.notice())));
                boolean nearAnEdge = !at.isAfter(bound.plus(reach)) || !at.isBefore(windowEnd.minus(reach));
                assertThat(nearAnEdge).as("left out only at a window's edge: " + missing + " of " + path).isTrue();
            }
        }
    }

    private static long install(World w) {
        List<Long> hosts = new ArrayList<>();
        for (int h = 0; h < w.zones().size(); h++) {
            long id = NEXT.incrementAndGet();
            LocalTime from = LocalTime.MIDNIGHT.plusMinutes(w.startQuarters().get(h) * 15L);
            LocalTime to = from.plusHours(w.hours().get(h));
            stack.emulator.addHost(new Host(id, "h" + id, "Host " + id, "h" + id + "@example.com",
                    ZoneId.of(w.zones().get(h)), List.of(new WorkingHours(EnumSet.allOf(DayOfWeek.class), from,
                    to.isAfter(from) ? to : LocalTime.of(23, 59)))));
            hosts.add(id);
        }
        for (int[] b : w.busy()) {
            Instant start = T0.plus(Duration.ofMinutes(b[0]));
            stack.emulator.addBusyBlock(hosts.get(b[0] % hosts.size()), start, start.plus(Duration.ofMinutes(b[1])));
        }
        long id = NEXT.incrementAndGet();
        List<Long> typeHosts = w.scheduling() == SchedulingType.INDIVIDUAL ? hosts.subList(0, 1) : hosts;
        stack.emulator.addEventType(new EventTypeSpec(id, "later-" + id, w.length(), List.of(), w.interval(),
                w.before(), w.after(), w.notice(), w.scheduling(), typeHosts));
        return id;
    }

    private static Instant windowStart(World w) {
        Instant start = T0.plus(Duration.ofMinutes(w.windowStartMinutes()));
        return w.datesOnly() ? start.truncatedTo(java.time.temporal.ChronoUnit.DAYS) : start;
    }

    private static Instant windowEnd(World w) {
        Instant end = windowStart(w).plus(Duration.ofDays(w.windowDays()));
        return w.datesOnly() ? end.plus(Duration.ofDays(1)).minusSeconds(1) : end;
    }

    private static String path(World w, long eventType) {
        Instant start = T0.plus(Duration.ofMinutes(w.windowStartMinutes()));
        Instant end = start.plus(Duration.ofDays(w.windowDays()));
        String from = w.datesOnly() ? start.toString().substring(0, 10) : start.toString();
        String to = w.datesOnly() ? end.toString().substring(0, 10) : end.toString();
        return "/v2/slots?eventTypeId=" + eventType + "&start=" + from + "&end=" + to + "&format=range&timeZone="
                + URLEncoder.encode(w.askedIn(), StandardCharsets.UTF_8);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
