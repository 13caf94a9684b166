package io.slotgate.slots;

import io.slotgate.slots.CalcomSlotRules.Free;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random world of free ranges, filled as slotgate fills (whole UTC days, at some instant, in a zone of the query's
 * alignment class), then asked later for a random window: the material of the layout properties.
 */
final class LayoutScenario extends FilledWorld {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/St_Johns"), ZoneId.of("America/New_York"),
            ZoneId.of("America/Sao_Paulo"));
    static final int[] FREQUENCIES = {15, 20, 30, 45, 50, 60, 90};
    private static final LocalDate[] FIRST_DAYS = {LocalDate.of(2030, 1, 7), LocalDate.of(2030, 3, 30),
            LocalDate.of(2030, 3, 9), LocalDate.of(2030, 10, 26)};

    final List<List<Free>> hosts;
    final List<Free> ranges;
    /** Reservations Cal.com holds while the fills are made (and still at the answer). */
    final List<Free> reservations;

    LayoutScenario(long seed) {
        this(seed, false, 0);
    }

    LayoutScenario(long seed, boolean oneFill) {
        this(seed, oneFill, 0);
    }

    /**
     * With {@code oneFill}, a single fill over exactly the days, its shape and clock kept for refilling; with
     * {@code reserved} reservations standing while the fills are made.
     */
    LayoutScenario(long seed, boolean oneFill, int reserved) {
        random = new Random(seed);
        zone = ZONES.get(random.nextInt(ZONES.size()));
        frequency = FREQUENCIES[random.nextInt(FREQUENCIES.length)];
        int lengthChoice = random.nextInt(8);
        length = lengthChoice == 0 ? frequency + 15 : lengthChoice == 1 && frequency > 20 ? frequency - 10 : frequency;
        notice = new int[]{0, 1, 15, 30, 60, 180}[random.nextInt(6)];
        aggregation = random.nextInt(3) == 0 ? FillShape.Aggregation.UNITED : FillShape.Aggregation.MERGED;
        firstDay = FIRST_DAYS[random.nextInt(FIRST_DAYS.length)];
        lastDay = firstDay.plusDays(random.nextInt(4));
        hosts = aggregation == FillShape.Aggregation.MERGED ? List.of(disjointRanges())
                : random.nextBoolean() ? List.of(disjointRanges(), disjointRanges())
                : List.of(disjointRanges(), disjointRanges(), disjointRanges());
        ranges = concat(hosts);
        List<Free> held = new ArrayList<>();
        for (int i = 0; i < reserved; i++) {
            held.add(busy());
        }
        reservations = List.copyOf(held);
        if (oneFill) {
            slices.addAll(fill(firstDay, lastDay).values());
        } else {
            fillEveryDay();
        }
    }

    private LayoutScenario(LayoutScenario base, List<List<Free>> hosts) {
        random = base.random;
        zone = base.zone;
        frequency = base.frequency;
        length = base.length;
        notice = base.notice;
        aggregation = base.aggregation;
        firstDay = base.firstDay;
        lastDay = base.lastDay;
        this.hosts = hosts;
        ranges = concat(hosts);
        reservations = base.reservations;
        latestArrival = base.latestArrival;
        lastShape = base.lastShape;
        lastClock = base.lastClock;
    }

    /** The same world with {@code busy} taken out of the first host's free time (a booking of that host). */
    LayoutScenario withBusy(Free busy) {
        List<List<Free>> changed = new ArrayList<>(hosts);
        changed.set(0, CalcomSlotRules.subtract(hosts.get(0), busy));
        return new LayoutScenario(this, changed);
    }

    /** A busy interval at odd minutes somewhere in the days. */
    Free busy() {
        long from = epoch(firstDay) - 120 * 60_000L + random.nextInt((int) (lastDay.toEpochDay() - firstDay.toEpochDay()
                + 1) * 24 * 60 + 120) * 60_000L;
        int minutes = 5 + random.nextInt(random.nextBoolean() ? 60 : 300);
        return new Free(Instant.ofEpochMilli(from), Instant.ofEpochMilli(from + minutes * 60_000L));
    }

    /**
     * Free time across the days and one day either side: some ranges touch (one ends where the next begins, as
     * Cal.com's editor adds ranges), some starts carry seconds.
     */
    private List<Free> disjointRanges() {
        List<Free> out = new ArrayList<>();
        long cursor = epoch(firstDay.minusDays(1)) + random.nextInt(900) * 60_000L;
        long end = epoch(lastDay.plusDays(2));
        while (cursor < end) {
            int minutes = random.nextInt(4) == 0 ? 20 + random.nextInt(80) : 30 + random.nextInt(720);
            long seconds = random.nextInt(10) == 0 ? random.nextInt(60) * 1000L : 0;
            out.add(new Free(Instant.ofEpochMilli(cursor + seconds), Instant.ofEpochMilli(cursor + minutes * 60_000L)));
            int gap = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 40 : 900);
            cursor += (minutes + gap) * 60_000L;
        }
        return out;
    }

    private static List<Free> concat(List<List<Free>> lists) {
        List<Free> all = new ArrayList<>();
        lists.forEach(all::addAll);
        return all;
    }

    @Override
    List<Slot> answerAt(FillShape shape, Instant clock) {
        return slots(CalcomSlotRules.slots(ranges, aggregation, frequency, length, shape.start(), shape.knownUntil(),
                shape.zone(), clock, notice, reservations));
    }

    List<Slot> truth(Instant start, Instant end, Instant now) {
        return truth(start, end, now, reservations);
    }

    List<Slot> truth(Instant start, Instant end, Instant now, List<Free> held) {
        return slots(CalcomSlotRules.slots(ranges, aggregation, frequency, length, start, end, zone, now, notice,
                held));
    }

    private List<Slot> slots(List<Instant> starts) {
        return starts.stream().map(s -> Slot.of(s, Duration.ofMinutes(length))).toList();
    }

    @Override
    public String toString() {
        return "zone=" + zone + " f=" + frequency + " L=" + length + " notice=" + notice + " " + aggregation + " days="
                + firstDay + ".." + lastDay + "\nranges=" + ranges + "\nslices=" + slices;
    }
}
