package io.slotgate.simulator.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the simulated days' events from a workload and a seed: Poisson arrivals whose rate follows the peak
 * hours, minute by minute, for queries, bookings and external calendar changes of each event type. Deterministic:
 * the same workload and seed give the same list.
 */
public final class EventStream {
    private static final long FIRST_EVENT_TYPE = 1001;

    private EventStream() {
    }

    public static List<SimEvent> generate(Workload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SimEvent> events = new ArrayList<>();
        long[] seq = {0};
        ZonedDateTime start = w.firstDay().atStartOfDay(w.zone());
        ZonedDateTime end = start.plusDays(w.days());
        for (ZonedDateTime minute = start; minute.isBefore(end); minute = minute.plusMinutes(1)) {
            boolean peak = w.isPeak(LocalTime.from(minute));
            double queriesPerMinute = peak ? w.peakQueriesPerMinute() : w.offPeakQueriesPerMinute();
            double bookingsPerMinute = (peak ? w.peakBookingsPerHour() : w.offPeakBookingsPerHour()) / 60.0;
            double changesPerMinute = bookingsPerMinute * w.externalChangesPerBooking();
            Instant from = minute.toInstant();
            for (int e = 0; e < w.eventTypes(); e++) {
                long eventTypeId = FIRST_EVENT_TYPE + e;
                for (int i = poisson(random, queriesPerMinute); i > 0; i--) {
                    events.add(query(w, random, within(from, random), seq[0]++, eventTypeId));
                }
                for (int i = poisson(random, bookingsPerMinute); i > 0; i--) {
                    events.add(booking(w, random, within(from, random), seq[0]++, eventTypeId));
                }
                for (int i = poisson(random, changesPerMinute); i > 0; i--) {
                    events.add(new SimEvent.ExternalChange(within(from, random), seq[0]++, eventTypeId,
                            random.nextDouble(), random.nextDouble(), random.nextDouble() < 0.7));
                }
            }
        }
        events.sort(null);
        return events;
    }

    private static SimEvent.Query query(Workload w, SplittableRandom random, Instant at, long seq, long eventTypeId) {
        double kind = random.nextDouble();
        int dayOffset = random.nextInt(w.oneDayHorizonDays());
        SimEvent.QueryKind k = kind < w.shareSlots7() ? SimEvent.QueryKind.SLOTS_7_DAYS
                : kind < w.shareSlots7() + w.shareNextAvailable() ? SimEvent.QueryKind.NEXT_AVAILABLE
                : SimEvent.QueryKind.ONE_DAY;
        return new SimEvent.Query(at, seq, eventTypeId, k, dayOffset);
    }

    private static SimEvent.Booking booking(Workload w, SplittableRandom random, Instant at, long seq, long eventTypeId) {
        double pick = random.nextDouble();
        boolean through = random.nextDouble() < w.bookingsThroughSlotgate();
        double fate = random.nextDouble();
        long cancelAfter = fate < w.cancelShare() ? 600 + random.nextLong(12 * 3600) : 0;
        long rescheduleAfter = fate >= w.cancelShare() && fate < w.cancelShare() + w.rescheduleShare()
                ? 600 + random.nextLong(12 * 3600) : 0;
        return new SimEvent.Booking(at, seq, eventTypeId, pick, through, cancelAfter, rescheduleAfter,
                random.nextDouble());
    }

    private static Instant within(Instant minute, SplittableRandom random) {
        return minute.plus(Duration.ofMillis(random.nextLong(60_000)));
    }

    /** Knuth's method; the rates here are small (at most a few dozen per minute). */
    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
