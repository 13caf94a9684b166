package io.slotgate.simulator.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        Map<Long, List<Integer>> lengths = w.shareWithDuration() > 0 ? GeneratedTenant.allowedLengths(w) : Map.of();
        List<SimEvent> events = new ArrayList<>();
        long[] seq = {0};
        ZonedDateTime start = w.firstDay().atTime(w.startTime()).atZone(w.zone());
        ZonedDateTime end = start.plusMinutes(w.minutes());
        if (w.closedLoop()) {
            closedLoopQueries(w, random, start.toInstant(), seq, lengths, events);
        }
        for (ZonedDateTime minute = start; minute.isBefore(end); minute = minute.plusMinutes(1)) {
            boolean peak = w.isPeak(LocalTime.from(minute));
            double queriesPerMinute = w.closedLoop() ? 0 : peak ? w.peakQueriesPerMinute() : w.offPeakQueriesPerMinute();
            double bookingsPerMinute = (peak ? w.peakBookingsPerHour() : w.offPeakBookingsPerHour()) / 60.0;
            double changesPerMinute = bookingsPerMinute * w.externalChangesPerBooking();
            Instant from = minute.toInstant();
            for (int e = 0; e < w.eventTypes(); e++) {
                long eventTypeId = FIRST_EVENT_TYPE + e;
                for (int i = poisson(random, queriesPerMinute); i > 0; i--) {
                    Instant at = within(from, random);
                    double kind = random.nextDouble();
                    int dayOffset = w.oneDayFirstOffset() + random.nextInt(w.oneDayHorizonDays());
                    events.add(query(w, random, at, seq[0]++, eventTypeId, kind, dayOffset, lengths));
                }
                for (int i = poisson(random, bookingsPerMinute); i > 0; i--) {
                    events.add(booking(w, random, within(from, random), seq[0]++, eventTypeId));
                }
                for (int i = poisson(random, changesPerMinute); i > 0; i--) {
                    events.add(new SimEvent.ExternalChange(within(from, random), seq[0]++, eventTypeId,
                            random.nextDouble(), random.nextDouble(), random.nextDouble() < w.externalAddShare()));
                }
            }
        }
        events.sort(null);
        return events;
    }

    /**
     * The closed-loop clients' queries, all stamped with the start (the run sends each when a client is free), in the
     * order they are sent. No two one-day queries ask about the same (event type, day).
     */
    private static void closedLoopQueries(Workload w, SplittableRandom random, Instant start, long[] seq,
                                          Map<Long, List<Integer>> lengths, List<SimEvent> events) {
        if (w.closedLoopQueries() * w.shareOneDay() > (double) w.eventTypes() * w.oneDayHorizonDays()) {
            throw new IllegalArgumentException(w.closedLoopQueries() + " queries cannot each ask about another day: "
                    + w.eventTypes() + " event types x " + w.oneDayHorizonDays() + " days");
        }
        Map<Long, Set<Integer>> asked = new HashMap<>();
        for (int q = 0; q < w.closedLoopQueries(); q++) {
            double kind = random.nextDouble();
            long eventTypeId;
            int dayOffset;
            do {
                eventTypeId = FIRST_EVENT_TYPE + random.nextInt(w.eventTypes());
                dayOffset = w.oneDayFirstOffset() + random.nextInt(w.oneDayHorizonDays());
            } while (kindOf(w, kind) == SimEvent.QueryKind.ONE_DAY
                    && !asked.computeIfAbsent(eventTypeId, k -> new HashSet<>()).add(dayOffset));
            events.add(query(w, random, start, seq[0]++, eventTypeId, kind, dayOffset, lengths));
        }
    }

    private static SimEvent.QueryKind kindOf(Workload w, double kind) {
        return kind < w.shareSlots7() ? SimEvent.QueryKind.SLOTS_7_DAYS
                : kind < w.shareSlots7() + w.shareNextAvailable() ? SimEvent.QueryKind.NEXT_AVAILABLE
                : kind < w.shareSlots7() + w.shareNextAvailable() + w.shareSlots14() ? SimEvent.QueryKind.SLOTS_14_DAYS
                : SimEvent.QueryKind.ONE_DAY;
    }

    /**
     * One query. The seed workload draws nothing beyond its kind and day (so its streams stay what they were); a zone,
     * a start at "now" and a duration are drawn only by workloads that ask for them.
     */
    private static SimEvent.Query query(Workload w, SplittableRandom random, Instant at, long seq, long eventTypeId,
                                        double kind, int dayOffset, Map<Long, List<Integer>> lengths) {
        Optional<ZoneId> zone = w.queryZones().isEmpty() ? Optional.empty()
                : Optional.of(w.queryZones().get(random.nextInt(w.queryZones().size())));
        boolean startsNow = w.shareStartingNow() > 0 && random.nextDouble() < w.shareStartingNow();
        Optional<Integer> duration = Optional.empty();
        if (w.shareWithDuration() > 0) {
            boolean named = random.nextDouble() < w.shareWithDuration();
            double pick = random.nextDouble();
            List<Integer> allowed = lengths.getOrDefault(eventTypeId, List.of());
            if (named && allowed.size() > 1) {
                duration = Optional.of(allowed.get((int) (pick * allowed.size())));
            }
        }
        return new SimEvent.Query(at, seq, eventTypeId, kindOf(w, kind), dayOffset, zone, startsNow, duration);
    }

    private static SimEvent.Booking booking(Workload w, SplittableRandom random, Instant at, long seq, long eventTypeId) {
        double pick = random.nextDouble();
        boolean through = random.nextDouble() < w.bookingsThroughSlotgate();
        double fate = random.nextDouble();
        long cancelAfter = fate < w.cancelShare() ? w.followUpMinSeconds() + random.nextLong(w.followUpSpreadSeconds()) : 0;
        long rescheduleAfter = fate >= w.cancelShare() && fate < w.cancelShare() + w.rescheduleShare()
                ? w.followUpMinSeconds() + random.nextLong(w.followUpSpreadSeconds()) : 0;
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
