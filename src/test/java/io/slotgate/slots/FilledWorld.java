package io.slotgate.slots;

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
 * What the layout properties share about a world of slots: how slotgate fills it (runs of whole UTC days, at some
 * instant, in a zone of the query's alignment class, each day then served from one of the fills that cover it), and
 * when and for which window it is asked again. Subclasses say how Cal.com answers a fill.
 */
abstract class FilledWorld {
    final List<DaySlice> slices = new ArrayList<>();
    Random random;
    ZoneId zone;
    int frequency;
    int length;
    int notice;
    int stretchBefore;
    int stretchAfter;
    FillShape.Aggregation aggregation;
    LocalDate firstDay;
    LocalDate lastDay;
    Instant latestArrival = Instant.MIN;
    FillShape lastShape;
    Instant lastClock;

    /** The slots Cal.com answers for the shape's window with its clock at {@code clock}. */
    abstract List<Slot> answerAt(FillShape shape, Instant clock);

    static long epoch(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** One to three fills over runs of days, each day served from one of the fills that covers it. */
    void fillEveryDay() {
        List<SortedMap<LocalDate, DaySlice>> fills = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        int span = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
        for (int i = 0; i < count; i++) {
            LocalDate first = firstDay.plusDays(random.nextInt(span)).minusDays(random.nextInt(3) == 0 ? 1 : 0);
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

    /** A fill at a random instant: mostly the day before or during the first day, as a cache fills ahead of today. */
    SortedMap<LocalDate, DaySlice> fill(LocalDate first, LocalDate last) {
        long offset = random.nextInt(3) == 0 ? -random.nextInt(36 * 60) : random.nextInt(20 * 60);
        Instant at = Instant.ofEpochMilli(epoch(firstDay) + offset * 60_000L + random.nextInt(60_000));
        Instant sent = at.minusMillis(random.nextInt(1500));
        Instant arrived = at.plusMillis(random.nextInt(1500));
        latestArrival = arrived.isAfter(latestArrival) ? arrived : latestArrival;
        lastShape = FillShape.of(frequency, length, aggregation, fillZone(), stretchBefore, stretchAfter, first, last,
                sent, arrived, notice);
        lastClock = at;
        return CalcomLayout.split(answerAt(lastShape, at), first, last, lastShape);
    }

    /** The last fill made again as the world now stands: same days, shape and clock. */
    List<DaySlice> refill() {
        return List.copyOf(CalcomLayout.split(answerAt(lastShape, lastClock), TimeRange.utcDayOf(lastShape.start()),
                TimeRange.utcDayOf(lastShape.knownUntil()), lastShape).values());
    }

    /** UTC when the query's zone is of UTC's alignment class for this frequency, else the query's own zone. */
    private ZoneId fillZone() {
        int interval = SlotGrid.intervalOf(frequency);
        Instant at = Instant.ofEpochMilli(epoch(firstDay));
        boolean utcClass = zone.getRules().getOffset(at).getTotalSeconds() % (interval * 60) == 0
                && zone.getRules().getOffset(at.plus(Duration.ofDays(5))).getTotalSeconds() % (interval * 60) == 0;
        return utcClass && random.nextBoolean() ? ZoneId.of("UTC") : zone;
    }

    /** A later instant to answer at: mostly within hours of the latest fill. */
    Instant later() {
        long minutes = random.nextInt(5) == 0 ? random.nextInt(24 * 60) : random.nextInt(180);
        return latestArrival.plus(Duration.ofMinutes(minutes)).plusSeconds(random.nextInt(60));
    }

    /** A window inside the days as Cal.com reads one: whole days ending 23:59:59, or explicit times. */
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
}
