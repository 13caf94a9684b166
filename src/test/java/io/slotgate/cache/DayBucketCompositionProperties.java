package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import io.slotgate.time.VirtualScheduler;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a range is cut into day buckets, and whichever of its days were already cached, the composed answer is
 * exactly what one upstream call over the whole range would have said, and the missing days go upstream in ONE call
 * (the days between them included: a call costs the same for one day or a month).
 */
class DayBucketCompositionProperties {
    private static final LocalDate EPOCH = LocalDate.of(2030, 3, 1);
    private static final CacheKey.Bucket TEMPLATE = new CacheKey.Bucket(TenantId.DEFAULT, 7, 30, EPOCH);

    @Property(tries = 300)
    void composedAnswerEqualsADirectAnswer(@ForAll("slotStarts") List<Integer> minuteOffsets,
                                           @ForAll @IntRange(min = 0, max = 40) int firstDay,
                                           @ForAll @IntRange(min = 0, max = 20) int days,
                                           @ForAll @Size(max = 15) List<@IntRange(min = 0, max = 60) Integer> cachedDays) {
        List<Slot> truth = slots(minuteOffsets);
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        RecordingFiller filler = new RecordingFiller(truth);
        DayBucketCache cache = DayBucketCache.builder(new CaffeineBucketStore(clock, 10_000, Duration.ofHours(1)),
                clock, new VirtualScheduler(clock), filler).settings(s -> s.withFillSpan(FillSpan::asked)).build();
        for (int cached : cachedDays) {
            LocalDate day = EPOCH.plusDays(cached);
            cache.lookup(TEMPLATE, day, day);
        }
        Set<LocalDate> alreadyCached = new TreeSet<>(filler.fetchedDays());
        filler.forget();

        LocalDate first = EPOCH.plusDays(firstDay);
        LocalDate last = first.plusDays(days);
        Lookup lookup = cache.lookup(TEMPLATE, first, last);

        List<Slot> composed = lookup.buckets().stream().flatMap(b -> b.slots().stream()).toList();
        TimeRange range = TimeRange.utcDays(first, last);
        assertThat(composed).isEqualTo(truth.stream().filter(s -> range.contains(s.start())).sorted().toList());
        assertThat(lookup.buckets()).extracting(b -> b.key().day()).containsExactlyElementsOf(range.utcDays());
        List<LocalDate> missing = range.utcDays().stream().filter(d -> !alreadyCached.contains(d)).toList();
        List<LocalDate> expectedFetches = missing.isEmpty() ? List.of()
                : TimeRange.utcDays(missing.get(0), missing.get(missing.size() - 1)).utcDays();
        assertThat(filler.fetchedDays()).containsExactlyElementsOf(expectedFetches);
        assertThat(filler.calls()).isEqualTo(missing.isEmpty() ? 0 : 1);
        assertThat(lookup.daysFetched()).isEqualTo(missing.size());
    }

    @Provide
    Arbitrary<List<Integer>> slotStarts() {
        return Arbitraries.integers().between(0, 62 * 24 * 60).list().ofMaxSize(200);
    }

    private static List<Slot> slots(List<Integer> minuteOffsets) {
        Instant base = EPOCH.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return new ArrayList<>(new TreeSet<>(minuteOffsets)).stream()
                .map(m -> Slot.of(base.plus(Duration.ofMinutes(m)), Duration.ofMinutes(30)))
                .toList();
    }

    /** A stand-in for Cal.com that answers from a fixed list and remembers what it was asked. */
    static final class RecordingFiller implements BucketFiller {
        private final List<Slot> truth;
        private final List<LocalDate> fetchedDays = new ArrayList<>();
        private int calls;

        RecordingFiller(List<Slot> truth) {
            this.truth = truth;
        }

        @Override
        public synchronized CalcomOutcome<List<Slot>> fetch(FillTarget target, TimeRange utcDays,
                                                            io.slotgate.calcom.Priority priority,
                                                            java.time.Duration patience) {
            calls++;
            fetchedDays.addAll(utcDays.utcDays());
            return new CalcomOutcome.Success<>(truth.stream().filter(s -> utcDays.contains(s.start())).toList(), null);
        }

        synchronized List<LocalDate> fetchedDays() {
            return fetchedDays.stream().sorted().toList();
        }

        synchronized int calls() {
            return calls;
        }

        synchronized void forget() {
            fetchedDays.clear();
            calls = 0;
        }
    }
}
