package io.slotgate.slots;

import io.slotgate.slots.CalcomSlotRules.Free;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;

/**
 * A random world of free ranges, filled as slotgate fills (whole UTC days, at some instant, in a zone of the query's
 * alignment class), then asked later for a random window: the material of the layout properties.
 */
final class LayoutScenario {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/St_Johns"), ZoneId.of("America/New_York"),
            ZoneId.of("America/Sao_Paulo"));
    static final int[] FREQUENCIES = {15, 20, 30, 45, 50, 60, 90};
    private static final LocalDate[] FIRST_DAYS = {LocalDate.of(2030, 1, 7), LocalDate.of(2030, 3, 30),
            LocalDate.of(2030, 3, 9), LocalDate.of(2030, 10, 26)};

    final Random random;
    final ZoneId zone;
    final int frequency;
    final int length;
    final int notice;
    final FillShape.Aggregation aggregation;
    final LocalDate firstDay;
    final LocalDate lastDay;
    final List<List<Free>> hosts;
    final List<Free> ranges;
    final List<DaySlice> slices = new ArrayList<>();
    /** Reservations Cal.com holds while the fills are made (and still at the answer). */
    final List<Free> reservations;
    Instant latestArrival = Instant.MIN;
    FillShape lastShape;
    Instant lastClock;

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

    /** The last fill made again over this world: same days, same shape, same clock. */
    List<DaySlice> refill() {
        List<Instant> starts = CalcomSlotRules.slots(ranges, aggregation, frequency, length, lastShape.start(),
                lastShape.knownUntil(), lastShape.zone(), lastClock, notice, reservations);
        List<Slot> slots = starts.stream().map(s -> Slot.of(s, Duration.ofMinutes(length))).toList();
        LocalDate first = TimeRange.utcDayOf(lastShape.start());
        LocalDate last = TimeRange.utcDayOf(lastShape.knownUntil());
        return List.copyOf(CalcomLayout.split(slots, first, last, lastShape).values());
    }

    /** A busy interval at odd minutes somewhere in the days. */
    Free busy() {
        long from = epoch(firstDay) - 120 * 60_000L + random.nextInt((int) (lastDay.toEpochDay() - firstDay.toEpochDay()
                + 1) * 24 * 60 + 120) * 60_000L;
        int minutes = 5 + random.nextInt(random.nextBoolean() ? 60 : 300);
        return new Free(Instant.ofEpochMilli(from), Instant.ofEpochMilli(from + minutes * 60_000L));
    }

    static long epoch(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Free time across the days and one day either side, never touching (gaps of at least a minute). */
    private List<Free> disjointRanges() {
        List<Free> out = new ArrayList<>();
        long cursor = epoch(firstDay.minusDays(1)) + random.nextInt(900) * 60_000L;
        long end = epoch(lastDay.plusDays(2));
        while (cursor < end) {
            int minutes = random.nextInt(4) == 0 ? 20 + random.nextInt(80) : 30 + random.nextInt(720);
            long seconds = random.nextInt(10) == 0 ? random.nextInt(60) * 1000L : 0;
            out.add(new Free(Instant.ofEpochMilli(cursor + seconds), Instant.ofEpochMilli(cursor + minutes * 60_000L)));
            cursor += (minutes + (random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 40 : 900))) * 60_000L;
        }
        return out;
    }

    private static List<Free> concat(List<List<Free>> lists) {
        List<Free> all = new ArrayList<>();
        lists.forEach(all::addAll);
        return all;
    }

    /** One to three fills over runs of days, each day served from one of the fills that covers it. */
    private void fillEveryDay() {
        List<SortedMap<LocalDate, DaySlice>> fills = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            LocalDate first = firstDay.plusDays(random.nextInt((int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1))
                    .minusDays(random.nextInt(3) == 0 ? 1 : 0);
            fills.add(fill(first, first.plusDays(random.nextInt(4))));
        }
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            List<DaySlice> covering = new ArrayList<>();
            for (SortedMap<LocalDate, DaySlice> fill : fills) {
                if (fill.containsKey(day)) {
                    covering.add(fill.get(day));
                }
            }
            if (covering.isEmpty()) {
                SortedMap<LocalDate, DaySlice> fill = fill(day, day.plusDays(random.nextInt(2)));
                fills.add(fill);
                covering.add(fill.get(day));
            }
            slices.add(covering.get(random.nextInt(covering.size())));
        }
    }

    SortedMap<LocalDate, DaySlice> fill(LocalDate first, LocalDate last) {
        // mostly the day before or during the first day, as a cache fills ahead of and during today
        long offset = random.nextInt(3) == 0 ? -random.nextInt(36 * 60) : random.nextInt(20 * 60);
        Instant clock = Instant.ofEpochMilli(epoch(firstDay) + offset * 60_000L + random.nextInt(60_000));
        Instant sent = clock.minusMillis(random.nextInt(1500));
        Instant arrived = clock.plusMillis(random.nextInt(1500));
        latestArrival = arrived.isAfter(latestArrival) ? arrived : latestArrival;
        FillShape shape = FillShape.of(frequency, length, aggregation, fillZone(), first, last, sent, arrived, notice);
        lastShape = shape;
        lastClock = clock;
        List<Instant> starts = CalcomSlotRules.slots(ranges, aggregation, frequency, length, shape.start(),
                shape.knownUntil(), shape.zone(), clock, notice, reservations);
        List<Slot> slots = starts.stream().map(s -> Slot.of(s, Duration.ofMinutes(length))).toList();
        return CalcomLayout.split(slots, first, last, shape);
    }

    /** UTC when the query's zone is of UTC's alignment class for this frequency, else the query's own zone. */
    private ZoneId fillZone() {
        int interval = SlotGrid.intervalOf(frequency);
        boolean utcClass = zone.getRules().getOffset(Instant.ofEpochMilli(epoch(firstDay))).getTotalSeconds()
                % (interval * 60) == 0;
        return utcClass && random.nextBoolean() ? ZoneId.of("UTC") : zone;
    }

    /** A later instant to answer at: mostly within hours of the latest fill. */
    Instant later() {
        long minutes = random.nextInt(5) == 0 ? random.nextInt(24 * 60) : random.nextInt(180);
        return latestArrival.plus(Duration.ofMinutes(minutes)).plusSeconds(random.nextInt(60));
    }

    /** A window inside the days: whole days, or explicit times. */
    Instant[] window() {
        long dayCount = lastDay.toEpochDay() - firstDay.toEpochDay() + 1;
        LocalDate from = firstDay.plusDays(random.nextInt((int) dayCount));
        LocalDate to = from.plusDays(random.nextInt((int) (lastDay.toEpochDay() - from.toEpochDay()) + 1));
        long start = epoch(from);
        long end = epoch(to.plusDays(1)) - 1000;
        if (random.nextBoolean()) {
            start += random.nextInt(24 * 60) * 60_000L + (random.nextInt(4) == 0 ? random.nextInt(60) * 1000L : 0);
        }
        if (random.nextBoolean()) {
            end = Math.max(start, end - random.nextInt(24 * 60) * 60_000L);
        }
        return new Instant[]{Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)};
    }

    List<Slot> truth(Instant start, Instant end, Instant now) {
        return truth(start, end, now, reservations);
    }

    List<Slot> truth(Instant start, Instant end, Instant now, List<Free> held) {
        return CalcomSlotRules.slots(ranges, aggregation, frequency, length, start, end, zone, now, notice, held)
                .stream().map(s -> Slot.of(s, Duration.ofMinutes(length))).toList();
    }

    @Override
    public String toString() {
        return "zone=" + zone + " f=" + frequency + " L=" + length + " notice=" + notice + " " + aggregation + " days="
                + firstDay + ".." + lastDay + "\nranges=" + ranges + "\nslices=" + slices;
    }
}
