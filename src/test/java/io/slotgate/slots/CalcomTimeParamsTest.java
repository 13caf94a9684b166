package io.slotgate.slots;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CalcomTimeParamsTest {

    @Test
    void aDateAloneStartsAtMidnightUtc() {
        assertThat(CalcomTimeParams.parseStart("2050-09-05")).contains(Instant.parse("2050-09-05T00:00:00Z"));
    }

    @Test
    void anEndAtMidnightOrADateAloneMeansTheEndOfThatDay() {
        assertThat(CalcomTimeParams.parseEnd("2050-09-06")).contains(Instant.parse("2050-09-06T23:59:59Z"));
        assertThat(CalcomTimeParams.parseEnd("2050-09-06T00:00:00Z")).contains(Instant.parse("2050-09-06T23:59:59Z"));
        assertThat(CalcomTimeParams.parseEnd("2050-09-06T10:00:00Z")).contains(Instant.parse("2050-09-06T10:00:00Z"));
    }

    @Test
    void offsetsAreHonouredAndTimesWithoutOneAreUtc() {
        assertThat(CalcomTimeParams.parseStart("2050-09-05T09:00:00+02:00")).contains(Instant.parse("2050-09-05T07:00:00Z"));
        assertThat(CalcomTimeParams.parseStart("2050-09-05T09:00:00")).contains(Instant.parse("2050-09-05T09:00:00Z"));
        assertThat(CalcomTimeParams.parseStart("2050-09-05T09:00:00.000Z")).contains(Instant.parse("2050-09-05T09:00:00Z"));
    }

    @Test
    void garbageIsRefused() {
        assertThat(CalcomTimeParams.parseStart("tomorrow")).isEmpty();
        assertThat(CalcomTimeParams.parseStart("2050-13-01")).isEmpty();
        assertThat(CalcomTimeParams.parseStart("")).isEmpty();
        assertThat(CalcomTimeParams.parseEnd("2050-09-05T25:00:00Z")).isEmpty();
    }
}
