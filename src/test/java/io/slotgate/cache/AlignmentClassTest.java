package io.slotgate.cache;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which zones share the UTC buckets, and which lay their slots out apart (docs/calcom-slots.md). */
class AlignmentClassTest {
    private static final Instant JUNE = Instant.parse("2030-06-12T10:00:00Z");

    private static int of(String zone, int frequency) {
        return FillTarget.alignmentOf(ZoneId.of(zone), JUNE, frequency);
    }

    @Test
    void aZoneHalfPastTheHourHasItsOwnClassOnlyWhereTheIntervalDoesNotDivideItsOffset() {
        assertThat(of("Asia/Kolkata", 60)).as("hour-long slots start at :30 UTC there").isEqualTo(30);
        assertThat(of("America/St_Johns", 120)).isEqualTo(30);
        assertThat(of("Asia/Kolkata", 30)).as("half-hour slots line up with UTC's").isZero();
        assertThat(of("Asia/Kolkata", 45)).as("45 minutes round to quarter hours").isZero();
        assertThat(of("Asia/Kolkata", 20)).as("20 does not divide 30").isEqualTo(30);
    }

    @Test
    void aZoneAQuarterToTheHourHasItsOwnClassWhereTheIntervalIsNotAQuarterHour() {
        assertThat(of("Asia/Kathmandu", 30)).isEqualTo(45);
        assertThat(of("Asia/Kathmandu", 50)).as("interval 10").isEqualTo(45);
        assertThat(of("Asia/Kathmandu", 15)).isZero();
        assertThat(of("Pacific/Chatham", 60)).isEqualTo(45);
    }

    @Test
    void wholeHourZonesAndOddFrequenciesShareTheUtcBuckets() {
        assertThat(of("Europe/Berlin", 60)).isZero();
        assertThat(of("America/Los_Angeles", 90)).isZero();
        assertThat(FillTarget.alignmentOf(ZoneOffset.UTC, JUNE, 60)).isZero();
        assertThat(of("Asia/Kolkata", 7)).as("interval 1: every minute aligns").isZero();
    }

    @Test
    void aClassIsFilledInAZoneOfThatClassAndRenderedInTheKeyOnlyWhenNotUtcs() {
        TenantId tenant = new TenantId("t");
        CacheKey.Bucket kolkata = new CacheKey.Bucket(tenant, 7, 60, LocalDate.of(2030, 1, 1), 30);
        assertThat(kolkata.render()).isEqualTo("sg:t:slots:7:60+30:2030-01-01");
        assertThat(CacheKey.parse(kolkata.render())).isEqualTo(kolkata);
        CacheKey.Bucket utc = new CacheKey.Bucket(tenant, 7, 60, LocalDate.of(2030, 1, 1));
        assertThat(utc.render()).isEqualTo("sg:t:slots:7:60:2030-01-01");
        assertThat(kolkata.generation()).as("one change patches every class").isEqualTo(utc.generation());
        assertThat(kolkata.target().fillZone().getRules().getOffset(JUNE).getTotalSeconds() / 60 % 60).isEqualTo(30);
        assertThat(new FillTarget(tenant, 7, 30, 45).fillZone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThatThrownBy(() -> new CacheKey.Bucket(tenant, 7, 60, LocalDate.of(2030, 1, 1), 20))
                .hasMessageContaining("0, 30 or 45");
    }
}
