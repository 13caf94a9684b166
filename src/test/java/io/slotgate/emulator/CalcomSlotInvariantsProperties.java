package io.slotgate.emulator;

import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of Cal.com's slots, checked against an oracle written from the rules rather than from the engine, over
 * random hosts (zones of every offset, including +05:30, +05:45, -03:30 and +13:45), working hours at five-minute
 * steps, date overrides, busy blocks and bookings at odd minutes, frequencies, buffers, notice, clock instants and
 * windows.
 */
class CalcomSlotInvariantsProperties {
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"));
    /** Monday 25 March 2030: Europe's clocks go forward on the Sunday after. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2030, 3, 25);
    private static final Instant ORIGIN = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();

    record HostSpec(ZoneId zone, List<WorkingHours> hours, List<DateOverride> overrides, List<int[]> busyMinutes) {
    }

    record Scenario(List<HostSpec> hosts, SchedulingType kind, int length, Integer interval, int before, int after,
                    int notice, boolean optimized, List<int[]> bookings, int otherBefore, int otherAfter,
                    long nowSeconds, long startSeconds, long windowMinutes, ZoneId zone) {
    }

    @Property(tries = 300)
    void everySlotLiesInFreeTimeOfItsHostsAfterTheNoticeAndInsideTheWindow(@ForAll("scenarios") Scenario sc) {
        Built built = build(sc);
        TimeRange window = new TimeRange(ORIGIN.plusSeconds(sc.startSeconds()),
                ORIGIN.plusSeconds(sc.startSeconds()).plus(Duration.ofMinutes(sc.windowMinutes())));
        List<Slot> slots;
        try {
            slots = built.emulator.availableSlots(built.type.id(), sc.length(), window, sc.zone());
        } catch (IllegalStateException calcomFails) {
            // Only a date override (not clipped to the window) can put a run's floored start in the past.
            assertThat(sc.hosts().stream().anyMatch(h -> !h.overrides().isEmpty())).isTrue();
            Statistics.collect("Cal.com fails");
            return;
        }
        Statistics.collect(slots.isEmpty() ? "no slots" : "slots");
        Statistics.coverage(coverage -> coverage.check("slots").percentage(p -> p >= 40));
        Instant now = built.clock.instant();
        Instant earliest = sc.notice() > 0 ? now.plus(Duration.ofMinutes(sc.notice()))
                : now.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
        Instant startTime = max(window.start(), now.plus(Duration.ofMinutes(Math.max(sc.notice(), 1))));
        boolean anyOverride = sc.hosts().stream().anyMatch(h -> !h.overrides().isEmpty());
        Duration length = Duration.ofMinutes(sc.length());
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (i > 0) {
                assertThat(slot.start()).as("ascending, no duplicates").isAfter(slots.get(i - 1).start());
            }
            assertThat(slot.end()).isEqualTo(slot.start().plus(length));
            assertThat(slot.start()).as("not before the earliest start").isAfterOrEqualTo(earliest);
            if (!anyOverride) {
                assertThat(slot.start()).as("not before the window's start, floored")
                        .isAfterOrEqualTo(window.start().truncatedTo(ChronoUnit.MINUTES));
                assertThat(slot.end().minusSeconds(1)).as("ends by the window's end")
                        .isBeforeOrEqualTo(window.end().truncatedTo(ChronoUnit.SECONDS));
            }
            List<Boolean> free = new ArrayList<>();
            for (int h = 0; h < built.type.hostIds().size(); h++) {
                free.add(available(sc.hosts().get(h), slot) && !busy(built, sc, h, slot, startTime, window.end()));
            }
            if (sc.kind() == SchedulingType.ROUND_ROBIN) {
                assertThat(free).as("some host free at " + slot).contains(true);
            } else {
                assertThat(free).as("every host free at " + slot).containsOnly(true);
            }
        }
    }

    @Property(tries = 100)
    void askedAheadForWholeDaysOnAnAlignedGridCalcomIsTheWholeDayGrid(@ForAll("alignedScenarios") Scenario sc) {
        Built calcom = build(sc, EmulatorSettings.defaults().withLatency(LatencyModel.zero()));
        Built wholeDays = build(sc, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withUtcDayGrid());
        LocalDate first = FIRST_DAY.plusDays(sc.startSeconds() % 3 + 1);
        TimeRange days = TimeRange.utcDays(first, first.plusDays(sc.windowMinutes() % 3));
        assertThat(calcom.emulator.availableSlots(calcom.type.id(), sc.length(), days))
                .isEqualTo(wholeDays.emulator.availableSlots(wholeDays.type.id(), sc.length(), days));
    }

    // ------------------------------------------------------------------ the oracle

    /**
     * Inside the host's working time: each local date's overrides if it has any, else its weekly hours. (A weekly
     * range from midnight may have been merged into the previous day's range, which an override does not replace:
     * such a range stays in; so do a date's hours when the day before has an override until midnight.)
     */
    private static boolean available(HostSpec host, Slot slot) {
        List<Instant[]> intervals = new ArrayList<>();
        LocalDate from = slot.start().atZone(host.zone()).toLocalDate().minusDays(1);
        LocalDate to = slot.end().atZone(host.zone()).toLocalDate();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate date = d;
            List<DateOverride> overrides = host.overrides().stream().filter(o -> o.date().equals(date)).toList();
            if (!overrides.isEmpty()) {
                for (DateOverride o : overrides) {
                    if (!o.isUnavailable()) {
                        intervals.add(new Instant[]{at(date, o.from(), host.zone()), endAt(date, o.to(), host.zone())});
                    }
                }
            }
            // An override of the day before that ends at midnight shares its key with this date's overrides, which
            // then may not replace this date's working hours (processDateOverride keys by end, looks up by start).
            boolean previousEndsAtMidnight = host.overrides().stream()
                    .anyMatch(o -> o.date().equals(date.minusDays(1)) && o.to().equals(LocalTime.of(23, 59)));
            for (WorkingHours w : host.hours()) {
                boolean replaced = !overrides.isEmpty() && !previousEndsAtMidnight
                        && !w.from().equals(LocalTime.MIDNIGHT);
                if (w.days().contains(date.getDayOfWeek()) && !replaced) {
                    intervals.add(new Instant[]{at(date, w.from(), host.zone()), endAt(date, w.to(), host.zone())});
                }
            }
        }
        intervals.sort((a, b) -> a[0].compareTo(b[0]));
        Instant coveredFrom = null;
        Instant coveredTo = null;
        for (Instant[] iv : intervals) {
            if (coveredTo != null && !iv[0].isAfter(coveredTo)) {
                coveredTo = max(coveredTo, iv[1]);
            } else {
                if (coveredFrom != null && !slot.start().isBefore(coveredFrom) && !slot.end().isAfter(coveredTo)) {
                    return true;
                }
                coveredFrom = iv[0];
                coveredTo = iv[1];
            }
        }
        return coveredFrom != null && !slot.start().isBefore(coveredFrom) && !slot.end().isAfter(coveredTo);
    }

    /**
     * Overlaps stretched busy time: a calendar block read for the window (11 hours before it to 14 after) widened by
     * the requested buffers, or a booking that overlaps the clamped window widened by its own and the requested
     * buffers.
     */
    private static boolean busy(Built built, Scenario sc, int hostIndex, Slot slot, Instant startTime, Instant end) {
        long hostId = built.hostIds.get(hostIndex);
        Duration reqBefore = Duration.ofMinutes(sc.before());
        Duration reqAfter = Duration.ofMinutes(sc.after());
        Instant calendarFrom = startTime.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(11));
        Instant calendarTo = end.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(14));
        for (int[] b : sc.hosts().get(hostIndex).busyMinutes()) {
            Instant blockStart = ORIGIN.plus(Duration.ofMinutes(b[0]));
            Instant blockEnd = ORIGIN.plus(Duration.ofMinutes(b[0] + b[1]));
            if (!blockStart.isBefore(calendarTo) || !blockEnd.isAfter(calendarFrom)) {
                continue;
            }
            Instant s = blockStart.minus(reqAfter);
            Instant e = blockEnd.plus(reqBefore);
            if (s.isBefore(slot.end()) && e.isAfter(slot.start())) {
                return true;
            }
        }
        for (Booking b : built.emulator.bookings()) {
            if (!b.hostIds().contains(hostId) || b.start().isAfter(end) || b.end().isBefore(startTime)) {
                continue;
            }
            EventTypeSpec own = built.emulator.eventType(b.eventTypeId()).orElseThrow();
            Instant s = b.start().minus(Duration.ofMinutes(own.beforeBufferMinutes())).minus(reqAfter);
            Instant e = b.end().plus(Duration.ofMinutes(own.afterBufferMinutes())).plus(reqBefore);
            if (s.isBefore(slot.end()) && e.isAfter(slot.start())) {
                return true;
            }
        }
        return false;
    }

    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static Instant endAt(LocalDate date, LocalTime time, ZoneId zone) {
        return time.equals(LocalTime.of(23, 59)) ? date.plusDays(1).atStartOfDay(zone).toInstant() : at(date, time, zone);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // ------------------------------------------------------------------ building a tenant

    private record Built(MutableClock clock, CalcomEmulator emulator, EventTypeSpec type, List<Long> hostIds) {
    }

    private static Built build(Scenario sc) {
        return build(sc, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000));
    }

    private static Built build(Scenario sc, EmulatorSettings settings) {
        MutableClock clock = new MutableClock(ORIGIN.minus(Duration.ofDays(10)));
        CalcomEmulator emulator = new CalcomEmulator(clock, settings.withRateLimit(1_000_000));
        List<Long> hostIds = new ArrayList<>();
        for (int i = 0; i < sc.hosts().size(); i++) {
            HostSpec h = sc.hosts().get(i);
            long id = i + 1;
            hostIds.add(id);
            emulator.addHost(new Host(id, "u" + id, "User " + id, "u" + id + "@example.com", h.zone(), h.hours()));
            h.overrides().forEach(o -> emulator.addDateOverride(id, o));
            for (int[] b : h.busyMinutes()) {
                emulator.addBusyBlock(id, ORIGIN.plus(Duration.ofMinutes(b[0])),
                        ORIGIN.plus(Duration.ofMinutes(b[0] + b[1])));
            }
            emulator.addEventType(new EventTypeSpec(100 + id, "other-" + id, 30, List.of(), null, sc.otherBefore(),
                    sc.otherAfter(), 0, SchedulingType.INDIVIDUAL, List.of(id)));
        }
        List<Long> typeHosts = sc.kind() == SchedulingType.INDIVIDUAL ? hostIds.subList(0, 1) : hostIds;
        EventTypeSpec type = new EventTypeSpec(1, "under-test", sc.length(), List.of(), sc.interval(), sc.before(),
                sc.after(), sc.notice(), sc.kind(), typeHosts).withShowOptimizedSlots(sc.optimized());
        emulator.addEventType(type);
        for (int[] b : sc.bookings()) {
            long on = b[0] == 0 ? type.id() : 100 + hostIds.get(b[0] % hostIds.size());
            emulator.handle(EmulatorRequest.post("/v2/bookings", Map.of("cal-api-version", "2024-08-13"),
                    EmulatorFixtures.bookingBody(on, ORIGIN.plus(Duration.ofMinutes(b[1])))));
        }
        clock.set(ORIGIN.plusSeconds(sc.nowSeconds()));
        return new Built(clock, emulator, type, hostIds);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<HostSpec>> hosts = host(true).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<SchedulingType> kind = Arbitraries.of(SchedulingType.INDIVIDUAL, SchedulingType.INDIVIDUAL,
                SchedulingType.ROUND_ROBIN, SchedulingType.ROUND_ROBIN, SchedulingType.COLLECTIVE);
        Arbitrary<Integer> length = Arbitraries.of(15, 20, 30, 45, 50, 60, 90);
        Arbitrary<Integer> interval = Arbitraries.of(0, 0, 0, 5, 10, 15, 30);
        Arbitrary<Integer> buffer = Arbitraries.of(0, 0, 5, 10, 30);
        Arbitrary<Integer> notice = Arbitraries.of(0, 0, 15, 60, 240);
        Arbitrary<List<int[]>> bookings = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3 * 1440)).as((on, minute) -> new int[]{on, minute})
                .list().ofMaxSize(4);
        // now mostly shortly before the window's start, so that today's runs and the notice come into play
        Arbitrary<Long> start = Arbitraries.longs().between(-43_200, 2 * 86_400);
        Arbitrary<Long> lead = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(0, 43_200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-86_400, 86_400)));
        Arbitrary<Long> window = Arbitraries.longs().between(6 * 60, 3 * 1440);
        Arbitrary<ZoneId> zone = Arbitraries.of(ZONES).injectNull(0.3);
        return Combinators.combine(hosts, kind, length, interval, buffer, buffer, notice, Arbitraries.of(false, true))
                .flatAs((h, k, len, step, before, after, n, opt) -> Combinators.combine(bookings, buffer, buffer, lead,
                        start, window, zone).as((b, ob, oa, l, s, w, z) -> new Scenario(h, k, len,
                        step == 0 ? null : step, before, after, n, opt, b, ob, oa, s - l, s, w, z)));
    }

    /** UTC hosts on the hour, frequencies dividing 60, no busy time: Cal.com's runs are the day grid. */
    @Provide
    Arbitrary<Scenario> alignedScenarios() {
        Arbitrary<HostSpec> onTheHour = Combinators.combine(Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(1, 10), days()).as((from, hours, on) -> new HostSpec(ZoneOffset.UTC,
                List.of(new WorkingHours(on, LocalTime.of(from, 0), LocalTime.of(Math.min(from + hours, 23), 0))),
                List.of(), List.of()));
        return Combinators.combine(onTheHour.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(SchedulingType.values()),
                        Arbitraries.of(15, 20, 30, 60), Arbitraries.longs().between(0, 100),
                        Arbitraries.longs().between(0, 100))
                .as((h, k, len, s, w) -> new Scenario(h, k, len, null, 0, 0, 0, false, List.of(), 0, 0, -86_400, s, w,
                        null));
    }

    private static Arbitrary<HostSpec> host(boolean withExtras) {
        Arbitrary<WorkingHours> rule = Combinators.combine(Arbitraries.integers().between(0, 20 * 12),
                Arbitraries.integers().between(24, 12 * 12), days()).as((from, span, on) -> {
            LocalTime start = LocalTime.MIN.plusMinutes(from * 5L);
            int end = Math.min(from * 5 + span * 5, 23 * 60 + 59);
            return new WorkingHours(on, start, LocalTime.MIN.plusMinutes(end));
        });
        Arbitrary<DateOverride> override = Combinators.combine(Arbitraries.integers().between(-1, 3),
                Arbitraries.integers().between(0, 22 * 12), Arbitraries.integers().between(0, 8 * 12))
                .as((day, from, span) -> span == 0 ? DateOverride.unavailable(FIRST_DAY.plusDays(day))
                        : new DateOverride(FIRST_DAY.plusDays(day), LocalTime.MIN.plusMinutes(from * 5L),
                        LocalTime.MIN.plusMinutes(Math.min(from * 5 + span * 5, 23 * 60 + 59))));
        Arbitrary<int[]> block = Combinators.combine(Arbitraries.integers().between(-1440, 4 * 1440),
                Arbitraries.integers().between(7, 200)).as((start, minutes) -> new int[]{start, minutes});
        return Combinators.combine(Arbitraries.of(ZONES), rule.list().ofMinSize(1).ofMaxSize(2),
                        withExtras ? override.list().ofMaxSize(2) : Arbitraries.just(List.<DateOverride>of()),
                        withExtras ? block.list().ofMaxSize(4) : Arbitraries.just(List.<int[]>of()))
                .as(HostSpec::new);
    }

    private static Arbitrary<Set<DayOfWeek>> days() {
        return Arbitraries.oneOf(Arbitraries.just(EnumSet.allOf(DayOfWeek.class)),
                Arbitraries.of(DayOfWeek.values()).set().ofMinSize(1).map(EnumSet::copyOf));
    }
}
