package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.TenantId;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
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
        return Combinators.combine(slots, Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.integers().between(0, 5), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 9), Arbitraries.of(true, false)).as(
                (s, generation, frequencyChoice, from, into, applied, inexact) -> {
                    int frequency = new int[] {0, 15, 45, 50, 90, 60}[frequencyChoice];
                    FillShape shape = new FillShape(frequency, frequency == 0 ? 0 : 45, MIDNIGHT.minusSeconds(3600),
                            MIDNIGHT.plus(Duration.ofDays(2)));
                    DayBucket.Patches patches = new DayBucket.Patches(applied,
                            inexact ? Optional.of(MIDNIGHT.plusMillis(generation)) : Optional.empty());
                    List<Instant> runStarts = s.stream().map(Slot::start).filter(t -> t.getEpochSecond() % 7 == 0)
                            .toList();
                    return new DayBucket(KEY, s, MIDNIGHT.minusMillis(generation), generation, shape, from, into,
                            patches, runStarts);
                });
    }

    @Property(tries = 300)
    void aBucketReadsBackAsItWasWritten(@ForAll("buckets") DayBucket bucket) {
        assertThat(BucketCodec.decode(KEY, BucketCodec.encode(bucket))).isEqualTo(bucket);
    }

    @Test
    void aVersionTwoValueReadsWithItsRunStartsReadOffTheSlotsWhileUnpatched() {
        // 45-minute slots at 09:00, 09:45 and 11:00 (a new range), the call saw 08:15 free
        String v2 = "2|1000|3|45|45|" + MIDNIGHT.toEpochMilli() + "|" + MIDNIGHT.plus(Duration.ofDays(1)).toEpochMilli()
                + "|00|0|0|32400000+2700000,35100000+2700000,39600000+2700000";
        DayBucket read = BucketCodec.decode(KEY, v2);
        assertThat(read.slots()).hasSize(3);
        assertThat(read.runStarts()).containsExactly(MIDNIGHT.plus(Duration.ofHours(9)),
                MIDNIGHT.plus(Duration.ofHours(11)));
        DayBucket patched = BucketCodec.decode(KEY, v2.replace("|00|0|0|", "|00|1|0|"));
        assertThat(patched.runStarts()).as("a patched bucket is sure of no run start").isEmpty();
    }

    @Test
    void aVersionOneValueReadsAsABucketServedAsItIs() {
        DayBucket read = BucketCodec.decode(KEY, "1|1000|3|32400000+2700000");
        assertThat(read.shape().isKnown()).isFalse();
        assertThat(read.slots()).extracting(Slot::start).containsExactly(MIDNIGHT.plus(Duration.ofHours(9)));
    }

    @Test
    void aValueOfNoKnownVersionIsRefusedByName() {
        assertThatThrownBy(() -> BucketCodec.decode(KEY, "9|1|2|3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KEY.render());
        assertThatThrownBy(() -> BucketCodec.decode(KEY, "3|x|2|3|4|5|6|00|0|0||")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("malformed");
    }
}
