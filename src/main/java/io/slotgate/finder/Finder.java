package io.slotgate.finder;

import static io.slotgate.time.Instants.min;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.policy.KeyMode;
import io.slotgate.policy.PolicyProfile;

import io.slotgate.availability.Availability;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.SlotsQuery;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Finder questions (next available, a window, alternatives to a wanted time) answered only through
 * {@link AvailabilityService#slots}: from the same day buckets as {@code GET /v2/slots}, with the same serve-time
 * filtering (past, minimum notice), so one invalidation covers every kind of answer and a finder answer never
 * disagrees with a slots answer for the same days.
 *
 * <p>Every call may throw {@link io.slotgate.cache.FillFailedException} when a day it needs cannot be had from
 * Cal.com: an upstream failure is never turned into "no slots".
 */
public final class Finder {
    public static final int DEFAULT_HORIZON_DAYS = 14;
    public static final int MAX_HORIZON_DAYS = 90;
    public static final int MAX_WINDOW_DAYS = 90;
    public static final int DEFAULT_COUNT = 3;
    public static final int MAX_COUNT = 50;
    public static final int DEFAULT_RADIUS_DAYS = 7;
    public static final int MAX_RADIUS_DAYS = 30;

    /**
     * The next-available search looks at 7 UTC days first, then 14 at a time. The first week is what the dominant
     * query of the workload ("slots in the next 7 days", 60%) keeps warm, so the usual next-available question costs
     * one lookup and no upstream call, and a miss fetches no more than that week. Past it, the event type is sparse:
     * 14-day chunks halve the sequential Cal.com round trips (300-800 ms and one rate-limit token each) compared with
     * weekly chunks, a 90-day search needing at most 7 lookups, without fetching 90 days up front when the answer is
     * usually in the next fortnight.
     */
    static final int FIRST_CHUNK_DAYS = 7;
    static final int LATER_CHUNK_DAYS = 14;

    /** Alternatives widen the searched radius in these steps (clipped to the requested radius). */
    private static final int[] RADIUS_STEPS = {0, 1, 7, MAX_RADIUS_DAYS};

    private final AvailabilityService availability;
    private final Clock clock;

    public Finder(AvailabilityService availability, Clock clock) {
        this.availability = Objects.requireNonNull(availability, "availability");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seedAnswers = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .build();
    }

    private final com.github.benmanes.caffeine.cache.Cache<SeedFinderKey, SeedFinderEntry> seedAnswers;

    /**
     * The first slot starting at or after {@code after} (now when empty; the search starts no earlier than now) and
     * before {@code after + days × 24 h}, as Cal.com lays slots out when asked in {@code zone}.
     */
    public NextAvailable next(long eventTypeId, Optional<Instant> after, int days, Optional<Integer> durationMinutes,
                              ZoneId zone) {
        requireBetween("days", days, 1, MAX_HORIZON_DAYS);
        PolicyProfile profile = availability.policy().get();
        if (profile.keys() == KeyMode.EXACT_QUERY) {
            return seedNext(eventTypeId, after, days, durationMinutes, profile, zone);
        }
        Instant now = clock.instant();
        Instant from = after.orElse(now);
        Instant until = from.plus(Duration.ofDays(days)).minusMillis(1);
        TimeRange horizon = new TimeRange(from, until);
        CacheTally tally = new CacheTally();
        Instant cursor = from.isBefore(now) ? now : from;
        int chunkDays = FIRST_CHUNK_DAYS;
        while (!cursor.isAfter(until)) {
            Instant chunkEnd = min(startOfUtcDay(TimeRange.utcDayOf(cursor).plusDays(chunkDays)).minusMillis(1), until);
            Availability answer = availability.slots(
                    new SlotsQuery(eventTypeId, new TimeRange(cursor, chunkEnd), durationMinutes, zone));
            tally.add(answer);
            Optional<Slot> first = answer.slots().stream().min(Comparator.naturalOrder());
            if (first.isPresent()) {
                return new NextAvailable(first, horizon, days, tally.outcome(), tally.age());
            }
            cursor = chunkEnd.plusMillis(1);
            chunkDays = LATER_CHUNK_DAYS;
        }
        return new NextAvailable(Optional.empty(), horizon, days, tally.outcome(), tally.age());
    }

    /**
     * The seed's SmartAppointmentFinder, for its baseline profiles: one lookup over the whole horizon, and the answer
     * cached on its own for {@code finderTtl}, keyed by event type, length, horizon and the minute asked, on top of
     * the slot cache below it. So a finder answer can be as old as both TTLs together, as in the seed.
     */
    private NextAvailable seedNext(long eventTypeId, Optional<Instant> after, int days, Optional<Integer> durationMinutes,
                                   PolicyProfile profile, ZoneId zone) {
        Instant now = clock.instant();
        Instant from = after.orElse(now);
        TimeRange horizon = new TimeRange(from, from.plus(Duration.ofDays(days)).minusMillis(1));
        var key = new SeedFinderKey(eventTypeId, durationMinutes, days, from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        Duration ttl = profile.finderTtl() == null ? Duration.ZERO : profile.finderTtl();
        SeedFinderEntry cached = seedAnswers.getIfPresent(key);
        if (cached != null && Duration.between(cached.at(), now).compareTo(ttl) < 0) {
            return new NextAvailable(cached.slot(), horizon, days, CacheOutcome.HIT, Duration.between(cached.at(), now));
        }
        Availability answer = availability.slots(new SlotsQuery(eventTypeId, horizon, durationMinutes, zone));
        Optional<Slot> first = answer.slots().stream().min(Comparator.naturalOrder());
        seedAnswers.put(key, new SeedFinderEntry(first, now));
        return new NextAvailable(first, horizon, days, answer.outcome(), answer.age());
    }

    private record SeedFinderKey(long eventTypeId, Optional<Integer> duration, int days, Instant minute) {
    }

    private record SeedFinderEntry(Optional<Slot> slot, Instant at) {
    }

    /**
     * Every slot starting in {@code range} (at most 90 days long), in start order: one lookup, as /v2/slots does when
     * asked in {@code zone}.
     */
    public Window window(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes, ZoneId zone) {
        if (Duration.between(range.start(), range.end()).compareTo(Duration.ofDays(MAX_WINDOW_DAYS)) > 0) {
            throw new IllegalArgumentException("a window must not exceed " + MAX_WINDOW_DAYS + " days");
        }
        Availability answer = availability.slots(new SlotsQuery(eventTypeId, range, durationMinutes, zone));
        List<Slot> slots = new ArrayList<>(answer.slots());
        slots.sort(null);
        return new Window(range, slots, answer.outcome(), answer.age());
    }

    /**
     * Up to {@code count} slots nearest to {@code wanted}, best first:
     * <ol>
     *   <li>slots on the wanted local day (in {@code zone}), by distance to the wanted time, earlier first on a tie;</li>
     *   <li>then ring by ring (1 day away, 2 days away, ... up to {@code radiusDays}), alternating the day before and
     *       the day after: the before-day's slot nearest to the wanted time of day, the after-day's nearest, the
     *       before-day's second nearest, and so on; when one side has no more, the other continues.</li>
     * </ol>
     * Slots in the past or inside the minimum notice never appear (the availability service drops them). The radius
     * grows in steps (the wanted day, ±1, ±7, ±radius), one lookup per step, and stops as soon as enough slots are
     * found: ranking is ring by ring, so slots found within a radius are final.
     */
    public Alternatives alternatives(long eventTypeId, Instant wanted, int count, int radiusDays, ZoneId zone,
                                     Optional<Integer> durationMinutes) {
        requireBetween("count", count, 1, MAX_COUNT);
        requireBetween("radiusDays", radiusDays, 0, MAX_RADIUS_DAYS);
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(zone, "zone");
        LocalDateTime wantedLocal = LocalDateTime.ofInstant(wanted, zone);
        LocalDate wantedDay = wantedLocal.toLocalDate();
        CacheTally tally = new CacheTally();
        List<Alternatives.Alternative> ranked = List.of();
        int searched = -1;
        for (int step : RADIUS_STEPS) {
            int radius = Math.min(step, radiusDays);
            if (radius <= searched) {
                continue;
            }
            searched = radius;
            Optional<TimeRange> range = futurePart(localDays(wantedDay.minusDays(radius), wantedDay.plusDays(radius), zone));
            if (range.isEmpty()) {
                continue;
            }
            Availability answer = availability.slots(new SlotsQuery(eventTypeId, range.get(), durationMinutes, zone));
            tally.add(answer);
            ranked = rank(answer.slots(), wanted, wantedLocal, zone);
            if (ranked.size() >= count) {
                break;
            }
        }
        List<Alternatives.Alternative> offered = ranked.subList(0, Math.min(count, ranked.size()));
        boolean wantedAvailable = !offered.isEmpty() && offered.get(0).slot().start().equals(wanted);
        return new Alternatives(wanted, zone, wantedAvailable, offered, radiusDays, tally.outcome(), tally.age());
    }

    static List<Alternatives.Alternative> rank(List<Slot> slots, Instant wanted, LocalDateTime wantedLocal,
                                               ZoneId zone) {
        LocalDate wantedDay = wantedLocal.toLocalDate();
        java.util.TreeMap<Integer, List<Alternatives.Alternative>> byOffset = new java.util.TreeMap<>();
        for (Slot slot : slots) {
            int offset = (int) ChronoUnit.DAYS.between(wantedDay, LocalDate.ofInstant(slot.start(), zone));
            Instant target = offset == 0 ? wanted : wantedLocal.plusDays(offset).atZone(zone).toInstant();
            Duration distance = Duration.between(target, slot.start()).abs();
            byOffset.computeIfAbsent(offset, k -> new ArrayList<>())
                    .add(new Alternatives.Alternative(slot, offset, distance));
        }
        Comparator<Alternatives.Alternative> nearest = Comparator.comparing(Alternatives.Alternative::distance)
                .thenComparing(a -> a.slot().start());
        byOffset.values().forEach(day -> day.sort(nearest));
        List<Alternatives.Alternative> ranked = new ArrayList<>(byOffset.getOrDefault(0, List.of()));
        int maxRing = byOffset.isEmpty() ? 0
                : Math.max(Math.abs(byOffset.firstKey()), Math.abs(byOffset.lastKey()));
        for (int ring = 1; ring <= maxRing; ring++) {
            List<Alternatives.Alternative> before = byOffset.getOrDefault(-ring, List.of());
            List<Alternatives.Alternative> after = byOffset.getOrDefault(ring, List.of());
            IntStream.range(0, Math.max(before.size(), after.size())).forEach(i -> {
                if (i < before.size()) {
                    ranked.add(before.get(i));
                }
                if (i < after.size()) {
                    ranked.add(after.get(i));
                }
            });
        }
        return ranked;
    }

    /** From the first local day's midnight to the last millisecond of the last local day, in {@code zone}. */
    private static TimeRange localDays(LocalDate first, LocalDate last, ZoneId zone) {
        return new TimeRange(first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1));
    }

    /** The part of {@code range} not yet past: past days are never fetched, nothing there is bookable. */
    private Optional<TimeRange> futurePart(TimeRange range) {
        Instant now = clock.instant();
        if (range.end().isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(range.start().isBefore(now) ? new TimeRange(now, range.end()) : range);
    }

    private static Instant startOfUtcDay(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static void requireBetween(String name, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException(name + " must be from " + least + " to " + most + ", got " + value);
        }
    }
}
