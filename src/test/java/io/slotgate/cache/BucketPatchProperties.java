package io.slotgate.cache;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.slots.CalcomLayout;
import io.slotgate.slots.DaySlice;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy time patched into a cached day against the emulator's fresh answer after the same busy time (Cal.com's
 * rules, docs/calcom-slots.md): equal whenever the patch says it is exact, and never offering a slot the emulator
 * no longer offers.
 */
class BucketPatchProperties {
    private static final LocalDate DAY = LocalDate.of(2030, 6, 12);
    private static final Instant NOW = Instant.parse("2030-05-01T08:00:00Z");
    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Asia/Kathmandu", "America/St_Johns", "UTC", "Australia/Adelaide");

    /** One case: hosts in zones, the event type, busy times before the fill, and the busy time patched in. */
    record Case(int hosts, List<String> zones, List<Integer> startMinutes, List<Integer> hoursLong,
                SchedulingType scheduling, int length, Integer slotInterval, int before, int after,
                List<int[]> earlierBusy, int[] busy, int busyHost) {
    }

    /** The event type's settings of a case. */
    private record Type(SchedulingType scheduling, int length, Integer slotInterval, int before, int after) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Type> types = Combinators.combine(Arbitraries.of(SchedulingType.values()),
                Arbitraries.of(15, 20, 30, 45, 50, 60, 90),
                Arbitraries.of(0, 0, 15, 20, 30, 45).map(i -> i == 0 ? null : i),
                Arbitraries.of(0, 0, 5, 10, 15), Arbitraries.of(0, 0, 5, 10, 15)).as(Type::new);
        return Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(
                Arbitraries.of(ZONES).list().ofSize(n),
                Arbitraries.integers().between(6 * 4, 11 * 4).map(q -> q * 15).list().ofSize(n),
                Arbitraries.integers().between(3, 10).list().ofSize(n),
                types,
                busy().list().ofMaxSize(3),
                busy(),
                Arbitraries.integers().between(0, n - 1)
        ).as((zones, starts, hours, type, earlier, busy, host) -> {
            SchedulingType scheduling = n == 1 ? SchedulingType.INDIVIDUAL : type.scheduling();
            boolean alone = scheduling == SchedulingType.INDIVIDUAL;
            return new Case(alone ? 1 : n, zones, starts, hours, scheduling, type.length(), type.slotInterval(),
                    type.before(), type.after(), earlier, busy, alone ? 0 : host);
        }));
    }

    /** A busy time on DAY, as minutes since its UTC midnight and a length, at odd minutes. */
    private static Arbitrary<int[]> busy() {
        return Combinators.combine(Arbitraries.integers().between(0, 24 * 60 - 1),
                Arbitraries.integers().between(5, 150)).as((start, length) -> new int[] {start, length});
    }

    private static CalcomEmulator emulator(Case c) {
        CalcomEmulator emulator = new CalcomEmulator(new MutableClock(NOW), EmulatorSettings.defaults()
                .withLatency(LatencyModel.zero()).withoutSlotsCache());
        List<Long> ids = new ArrayList<>();
        for (int h = 0; h < c.hosts(); h++) {
            LocalTime from = LocalTime.MIDNIGHT.plusMinutes(c.startMinutes().get(h));
            LocalTime to = from.plusHours(c.hoursLong().get(h));
            if (!to.isAfter(from)) {
                to = LocalTime.of(23, 59);
            }
            emulator.addHost(new Host(h + 1, "host" + h, "Host " + h, "h" + h + "@example.com",
                    ZoneId.of(c.zones().get(h)), List.of(new WorkingHours(EnumSet.allOf(DayOfWeek.class), from, to))));
            ids.add((long) h + 1);
        }
        emulator.addEventType(new EventTypeSpec(7, "patched", c.length(), List.of(), c.slotInterval(), c.before(),
                c.after(), 0, c.scheduling(), ids));
        Instant midnight = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int[] b : c.earlierBusy()) {
            emulator.addBusyBlock(1, midnight.plus(Duration.ofMinutes(b[0])),
                    midnight.plus(Duration.ofMinutes(b[0] + b[1])));
        }
        return emulator;
    }

    /**
     * The day bucket slotgate stores for a day after a fill of the days around DAY (so the runs crossing its midnights
     * are the fill's), laid out on the emulator's UTC grid, with the edges the fill showed.
     */
    private static DayBucket bucket(CalcomEmulator emulator, Case c, LocalDate day) {
        LocalDate first = DAY.minusDays(1);
        LocalDate last = DAY.plusDays(2);
        List<Slot> all = emulator.availableSlots(7, c.length(), TimeRange.utcDays(first, last), ZoneOffset.UTC);
        int frequency = c.slotInterval() != null ? c.slotInterval() : c.length();
        FillShape.Aggregation aggregation = c.scheduling() == SchedulingType.ROUND_ROBIN
                ? FillShape.Aggregation.UNITED : FillShape.Aggregation.MERGED;
        // external busy times only: stretched by this event type's own buffers
        FillShape shape = FillShape.of(frequency, c.length(), aggregation, ZoneOffset.UTC, c.after(), c.before(),
                first, last, NOW, NOW, 0);
        DaySlice slice = CalcomLayout.split(all, first, last, shape).get(day);
        return DayBucket.of(new CacheKey.Bucket(TenantId.DEFAULT, 7, c.length(), day), slice, NOW, 0);
    }

    private static DayBucket bucket(CalcomEmulator emulator, Case c) {
        return bucket(emulator, c, DAY);
    }

    private static List<Slot> freshDay(CalcomEmulator emulator, Case c, LocalDate day) {
        return emulator.availableSlots(7, c.length(), TimeRange.utcDays(DAY.minusDays(1), DAY.plusDays(2)),
                ZoneOffset.UTC).stream().filter(s -> TimeRange.utcDayOf(s.start()).equals(day)).toList();
    }

    @Property(tries = 400)
    void aPatchEqualsCalcomsFreshAnswerWhenItSaysSoAndNeverOffersATakenSlot(@ForAll("cases") Case c) {
        CalcomEmulator emulator = emulator(c);
        DayBucket cached = bucket(emulator, c);
        DayBucket nextCached = bucket(emulator, c, DAY.plusDays(1));
        Instant midnight = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = midnight.plus(Duration.ofMinutes(c.busy()[0]));
        Instant end = start.plus(Duration.ofMinutes(c.busy()[1]));
        emulator.addBusyBlock(c.busyHost() + 1, start, end);
        // an external busy time is stretched by the requested event type's buffers only (its after before the
        // busy time, its before after it), as getBusyTimes.ts stretches calendar busy times
        DayChange.Busy busy = new DayChange.Busy(NOW, start.minus(Duration.ofMinutes(c.after())),
                end.plus(Duration.ofMinutes(c.before())), DayChange.Kind.BOOKED,
                c.scheduling() != SchedulingType.ROUND_ROBIN);
        // the day it falls on, and the day after (a run over midnight is cut too): the Invalidator sends it to both
        for (DayBucket before : List.of(cached, nextCached)) {
            DayBucket patched = BucketPatch.apply(before, busy, 1);
            List<Slot> fresh = freshDay(emulator, c, before.key().day());
            assertThat(fresh).as("the patched %s never offers a slot Cal.com no longer does", before.key().day())
                    .containsAll(patched.offered());
            if (patched.patches().exact()) {
                assertThat(patched.offered()).as("exact means Cal.com's answer").isEqualTo(fresh);
            }
        }
    }

    @Property(tries = 200)
    void aSecondChangeKeepsThePatchSafeAndApplyingOneTwiceChangesNothing(
            @ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 1400) int other) {
        CalcomEmulator emulator = emulator(c);
        DayBucket cached = bucket(emulator, c);
        Instant midnight = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant bookedStart = midnight.plus(Duration.ofMinutes(c.busy()[0]));
        Instant bookedEnd = bookedStart.plus(Duration.ofMinutes(c.busy()[1]));
        DayChange.Busy booked = new DayChange.Busy(NOW, bookedStart.minus(Duration.ofMinutes(c.after())),
                bookedEnd.plus(Duration.ofMinutes(c.before())), DayChange.Kind.BOOKED,
                c.scheduling() != SchedulingType.ROUND_ROBIN);
        // a reservation blocks its slots for certain and moves nothing (it is checked against the laid slots)
        Instant heldStart = midnight.plus(Duration.ofMinutes(other));
        DayChange.Busy held = new DayChange.Busy(NOW, heldStart, heldStart.plus(Duration.ofMinutes(40)),
                DayChange.Kind.RESERVED, true);
        DayBucket once = BucketPatch.apply(cached, booked, 1);
        assertThat(BucketPatch.apply(once, booked, 2).offered()).as("the same change twice")
                .isEqualTo(once.offered());

        emulator.addBusyBlock(c.busyHost() + 1, bookedStart, bookedEnd);
        List<Slot> fresh = freshDay(emulator, c, DAY).stream()
                .filter(s -> !(s.start().isBefore(held.end()) && held.start().isBefore(s.end()))).toList();
        DayBucket bookedFirst = BucketPatch.apply(BucketPatch.apply(cached, booked, 1), held, 2);
        DayBucket heldFirst = BucketPatch.apply(BucketPatch.apply(cached, held, 1), booked, 2);
        for (DayBucket patched : List.of(bookedFirst, heldFirst)) {
            assertThat(fresh).as("in either order no slot Cal.com no longer offers").containsAll(patched.offered());
        }
        if (bookedFirst.patches().exact() && heldFirst.patches().exact()) {
            assertThat(bookedFirst.offered()).as("two exact patches are Cal.com's one answer")
                    .isEqualTo(heldFirst.offered()).isEqualTo(fresh);
        }
    }

    @Test
    void onAFixedLatticeABookingOfAnIndividualEventTypeIsTakenOutExactly() {
        Case c = new Case(1, List.of("Europe/Berlin"), List.of(9 * 60), List.of(8), SchedulingType.INDIVIDUAL, 30,
                null, 0, 10, List.of(), new int[] {9 * 60, 30}, 0);
        CalcomEmulator emulator = emulator(c);
        DayBucket patched = BucketPatch.apply(bucket(emulator, c), new DayChange.Busy(NOW,
                Instant.parse("2030-06-12T08:50:00Z"), Instant.parse("2030-06-12T09:30:00Z"),
                DayChange.Kind.BOOKED, true), 1);
        assertThat(patched.patches().exact()).isTrue();
        assertThat(patched.offered()).extracting(Slot::start).doesNotContain(Instant.parse("2030-06-12T08:30:00Z"),
                Instant.parse("2030-06-12T09:00:00Z")).contains(Instant.parse("2030-06-12T09:30:00Z"));
    }

    @Test
    void offTheLatticeTheCutRangeIsLaidAgainFromTheBusyEndRoundedUpToItsInterval() {
        Case c = new Case(1, List.of("UTC"), List.of(9 * 60), List.of(8), SchedulingType.INDIVIDUAL, 45, null, 0, 0,
                List.of(), new int[] {10 * 60 + 7, 20}, 0);
        CalcomEmulator emulator = emulator(c);
        DayBucket cached = bucket(emulator, c);
        DayBucket patched = BucketPatch.apply(cached, new DayChange.Busy(NOW, Instant.parse("2030-06-12T10:07:00Z"),
                Instant.parse("2030-06-12T10:27:00Z"), DayChange.Kind.BOOKED, true), 1);
        emulator.addBusyBlock(1, Instant.parse("2030-06-12T10:07:00Z"), Instant.parse("2030-06-12T10:27:00Z"));
        List<Slot> fresh = freshDay(emulator, c, DAY);
        // 09:00 stays; 09:45 meets the booking; the range starts again at 10:27, rounded up to 10:30 (interval 15)
        assertThat(fresh).extracting(Slot::start).startsWith(Instant.parse("2030-06-12T09:00:00Z"),
                Instant.parse("2030-06-12T10:30:00Z"), Instant.parse("2030-06-12T11:15:00Z"));
        assertThat(fresh).containsAll(patched.offered());
        assertThat(patched.offered()).extracting(Slot::start).contains(Instant.parse("2030-06-12T09:00:00Z"))
                .doesNotContain(Instant.parse("2030-06-12T09:45:00Z"), Instant.parse("2030-06-12T11:00:00Z"));
        if (patched.patches().exact()) {
            assertThat(patched.offered()).isEqualTo(fresh);
        } else {
            assertThat(patched.patches().inexactSince()).contains(NOW);
        }
    }
}
