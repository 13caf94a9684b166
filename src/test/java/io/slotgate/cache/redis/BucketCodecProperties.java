package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.TenantId;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Redis holds of a bucket reads back as the same bucket, and older values still read. */
class BucketCodecProperties {
    private static final LocalDate DAY = LocalDate.of(2030, 3, 9);
    private static final Instant MIDNIGHT = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 42, 45, DAY);

    @Provide
    Arbitrary<DayBucket> buckets() {
        Arbitrary<List<Slot>> slots = Arbitraries.integers().between(0, 24 * 60 - 1).set().ofMaxSize(40)
                .map(minutes -> {
                    List<Slot> out = new ArrayList<>();
                    for (int m : new TreeSet<>(minutes)) {
                        Instant start = MIDNIGHT.plus(Duration.ofMinutes(m));
                        out.add(new Slot(start, start.plus(Duration.ofMinutes(45))));
                    }
                    return out;
                });
        Arbitrary<List<TimeRange>> ranges = Arbitraries.integers().between(0, 24 * 60 - 1).list().ofMaxSize(3)
                .map(minutes -> minutes.stream().sorted().map(m -> new TimeRange(
                        MIDNIGHT.plus(Duration.ofMinutes(m)), MIDNIGHT.plus(Duration.ofMinutes(m + 40)))).toList());
        Arbitrary<Optional<FillShape>> shapes = Combinators.combine(Arbitraries.of(0, 15, 45, 50, 90, 60),
                Arbitraries.of(FillShape.Aggregation.values()), Arbitraries.of("UTC", "Asia/Kolkata", "Z"),
                Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 30)).as(
                (frequency, aggregation, zone, before, after) -> frequency == 0 ? Optional.<FillShape>empty()
                        : Optional.of(FillShape.of(frequency, 45, aggregation, ZoneId.of(zone), before, after, DAY,
                        DAY.plusDays(1), MIDNIGHT.minusSeconds(7), MIDNIGHT.minusSeconds(6), 30)));
        return Combinators.combine(slots, Arbitraries.longs().between(0, 1_000_000), shapes,
                Arbitraries.of(true, false), ranges, ranges, ranges, Arbitraries.integers().between(0, 9)).as(
                (s, generation, shape, edges, holds, unknown, booked, applied) -> new DayBucket(KEY, s,
                        MIDNIGHT.minusMillis(generation), generation, shape, edges && !s.isEmpty(),
                        !edges && !s.isEmpty(), holds, unknown, booked, new DayBucket.Patches(applied,
                        applied % 2 == 1 ? Optional.of(MIDNIGHT.plusMillis(generation)) : Optional.empty())));
    }

    @Property(tries = 300)
    void aBucketReadsBackAsItWasWritten(@ForAll("buckets") DayBucket bucket) {
        assertThat(BucketCodec.decode(KEY, BucketCodec.encode(bucket))).isEqualTo(bucket);
    }

    @Test
    void aVersionTwoOrThreeValueReadsAsABucketServedAsItIs() {
        String v2 = "2|1000|3|45|45|" + MIDNIGHT.toEpochMilli() + "|" + MIDNIGHT.plus(Duration.ofDays(1)).toEpochMilli()
                + "|00|1|0|32400000+2700000,35100000+2700000,39600000+2700000";
        DayBucket read = BucketCodec.decode(KEY, v2);
        assertThat(read.slots()).hasSize(3);
        assertThat(read.shape()).as("an older shape is not enough to lay the day out again").isEmpty();
        assertThat(read.patches().applied()).isEqualTo(1);
        String v3 = v2.replaceFirst("^2", "3").replace("|0|3240", "|0|32400000|3240");
        assertThat(BucketCodec.decode(KEY, v3).slots()).isEqualTo(read.slots());
    }

    @Test
    void aVersionOneValueReadsAsABucketServedAsItIs() {
        DayBucket read = BucketCodec.decode(KEY, "1|1000|3|32400000+2700000");
        assertThat(read.shape()).isEmpty();
        assertThat(read.slots()).extracting(Slot::start).containsExactly(MIDNIGHT.plus(Duration.ofHours(9)));
    }

    @Test
    void aValueOfNoKnownVersionIsRefusedByName() {
        assertThatThrownBy(() -> BucketCodec.decode(KEY, "9|1|2|3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KEY.render());
        assertThatThrownBy(() -> BucketCodec.decode(KEY, "4|x|2|-|00|0|0||||")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("malformed");
    }
}
