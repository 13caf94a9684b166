package io.slotgate.bench.pressure;

import io.slotgate.emulator.EventTypeSpec;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The questions each scenario asks, drawn from a seeded random source so that a run can be repeated. */
final class QueryMix {
    /** About nine zones across the world, some with DST, some without, one at offset zero. */
    static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/London",
            "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo", "UTC");
    /** Zones whose DST changes the spread load puts inside its ranges. */
    private static final List<String> DST_ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney",
            "America/Los_Angeles", "Europe/London");

    private final Random random;
    private final List<EventTypeSpec> types;
    private final double[] cumulativeWeights;

    /** Event types are asked about with a mild skew: the first of the list most, the last least (weight 1/rank^0.7). */
    QueryMix(Random random, List<EventTypeSpec> types) {
        this.random = random;
        this.types = List.copyOf(types);
        this.cumulativeWeights = new double[types.size()];
        double sum = 0;
        for (int i = 0; i < types.size(); i++) {
            sum += 1 / Math.pow(i + 1, 0.7);
            cumulativeWeights[i] = sum;
        }
    }

    /**
     * The booking rush: next 7 days (45%), next 14 days (25%), one day within the next 14 (30%); 20% start "now"
     * (an instant) instead of today's date; a zone of {@link #ZONES}; 30% of the questions about multi-length event
     * types name a {@code duration}.
     */
    BenchQuery rush(Instant now) {
        EventTypeSpec type = skewedType();
        String zone = ZONES.get(random.nextInt(ZONES.size()));
        Integer duration = maybeDuration(type, 0.3);
        double kind = random.nextDouble();
        int days = kind < 0.45 ? 7 : kind < 0.70 ? 14 : 1;
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (random.nextDouble() < 0.2) {
            Instant start = now.truncatedTo(ChronoUnit.SECONDS);
            return new BenchQuery(type.id(), start.toString(), start.plus(Duration.ofDays(days)).toString(), zone,
                    duration, null);
        }
        LocalDate first = days == 1 ? today.plusDays(random.nextInt(14)) : today;
        return new BenchQuery(type.id(), first.toString(), first.plusDays(days - 1).toString(), zone, duration, null);
    }

    /** The cold storm: {@code count} one-day questions, no two alike, over every event type, 100-360 days ahead. */
    List<BenchQuery> coldStorm(LocalDate today, int count) {
        List<long[]> pairs = new ArrayList<>();
        for (EventTypeSpec type : types) {
            for (int ahead = 100; ahead <= 360; ahead++) {
                pairs.add(new long[]{type.id(), ahead});
            }
        }
        if (count > pairs.size()) {
            throw new IllegalArgumentException("only " + pairs.size() + " distinct one-day questions exist, not " + count);
        }
        Collections.shuffle(pairs, random);
        List<BenchQuery> out = new ArrayList<>(count);
        for (long[] pair : pairs.subList(0, count)) {
            String day = today.plusDays(pair[1]).toString();
            out.add(new BenchQuery(pair[0], day, day, ZONES.get(random.nextInt(ZONES.size())), null, null));
        }
        return out;
    }

    /**
     * The spread load: {@code count} questions over every event type (uniformly), ranges of 1-14 days: a third
     * around a DST change within the coming year (asked in that zone), a third far ahead (100-350 days), a third in
     * the next month (a tenth of those starting "now"); 30% name a duration where there are several, 15% ask for
     * the range format.
     */
    List<BenchQuery> spread(Instant now, int count) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        List<String> changeZones = new ArrayList<>();
        for (String zone : DST_ZONES) {
            ZoneOffsetTransition t = ZoneId.of(zone).getRules().nextTransition(now);
            while (t != null && t.getInstant().isBefore(now.plus(Duration.ofDays(360)))) {
                changes.add(t);
                changeZones.add(zone);
                t = ZoneId.of(zone).getRules().nextTransition(t.getInstant());
            }
        }
        List<BenchQuery> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EventTypeSpec type = types.get(random.nextInt(types.size()));
            int days = 1 + random.nextInt(14);
            Integer duration = maybeDuration(type, 0.3);
            String format = random.nextDouble() < 0.15 ? "range" : null;
            String zone = ZONES.get(random.nextInt(ZONES.size()));
            LocalDate first;
            switch (i % 3) {
                case 0 -> {
                    int pick = random.nextInt(changes.size());
                    LocalDate change = LocalDate.ofInstant(changes.get(pick).getInstant(), ZoneOffset.UTC);
                    first = change.minusDays(random.nextInt(days));
                    zone = changeZones.get(pick);
                    if (first.isBefore(today)) {
                        first = today;
                    }
                }
                case 1 -> first = today.plusDays(100 + random.nextInt(251));
                default -> {
                    if (random.nextDouble() < 0.1) {
                        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
                        out.add(new BenchQuery(type.id(), start.toString(), start.plus(Duration.ofDays(days)).toString(),
                                zone, duration, format));
                        continue;
                    }
                    first = today.plusDays(random.nextInt(31));
                }
            }
            out.add(new BenchQuery(type.id(), first.toString(), first.plusDays(days - 1).toString(), zone, duration,
                    format));
        }
        return out;
    }

    private EventTypeSpec skewedType() {
        double r = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (r < cumulativeWeights[i]) {
                return types.get(i);
            }
        }
        return types.getLast();
    }

    private Integer maybeDuration(EventTypeSpec type, double share) {
        List<Integer> lengths = type.allowedLengths();
        if (lengths.size() < 2 || random.nextDouble() >= share) {
            return null;
        }
        return lengths.get(random.nextInt(lengths.size()));
    }
}
