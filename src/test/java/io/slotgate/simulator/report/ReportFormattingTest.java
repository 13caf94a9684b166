package io.slotgate.simulator.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormattingTest {

    @Test
    void smallPercentagesKeepThreeSignificantDigits() {
        assertThat(Fmt.pct(0.000854)).isEqualTo("0.0854");
        assertThat(Fmt.pct(0.00085)).isEqualTo("0.0850");
        assertThat(Fmt.pct(0.0000123)).isEqualTo("0.00123");
        assertThat(Fmt.pct(0.005)).isEqualTo("0.500");
    }

    @Test
    void largePercentagesHaveTwoDecimalsAndNearlyAllShowsWhatIsMissing() {
        assertThat(Fmt.pct(0.992)).isEqualTo("99.20");
        assertThat(Fmt.pct(0.4567)).isEqualTo("45.67");
        assertThat(Fmt.pct(0.99996)).isEqualTo("99.9960");
        assertThat(Fmt.pct(1)).isEqualTo("100.00");
        assertThat(Fmt.pct(0)).isEqualTo("0");
    }

    @Test
    void quantitiesLoseDecimalsAsTheyGrow() {
        assertThat(Fmt.num(1440)).isEqualTo("1440");
        assertThat(Fmt.num(12.34)).isEqualTo("12.3");
        assertThat(Fmt.num(3.2)).isEqualTo("3.20");
        assertThat(Fmt.num(0.4)).isEqualTo("0.400");
        assertThat(Fmt.num(Double.NaN)).isEqualTo("-");
    }

    @Test
    void sweepValuesAreShownAsGiven() {
        assertThat(Fmt.value(20)).isEqualTo("20");
        assertThat(Fmt.value(0.25)).isEqualTo("0.25");
        assertThat(Fmt.value(1.0 / 3)).isEqualTo("0.3333");
    }

    @Test
    void slugsAreSafeFileNameFragments() {
        assertThat(Fmt.slug("Bookings per hour (1/h)")).isEqualTo("bookings-per-hour-1-h");
        assertThat(Fmt.slug("../..")).isEqualTo("x");
    }
}
