package io.slotgate.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A policy file reads as the profile it says, and a wrong one is refused by the field it gets wrong. */
class PolicyJsonTest {
    @Test
    void everyBuiltInProfileReadsBackFromItsRendering() {
        PolicyProfiles.builtIn().values().forEach(profile -> assertThat(PolicyJson.parse(PolicyJson.render(profile)))
                .as(profile.name()).isEqualTo(profile));
    }

    @Test
    void slotgatesProfileFetchesHalfAYearForAFarDayAndPacesItsBackgroundCalls() {
        PolicyProfile slotgate = PolicyProfiles.named(PolicyProfiles.SLOTGATE).orElseThrow();
        assertThat(slotgate.fill().farMonths()).isEqualTo(6);
        assertThat(slotgate.fill().maxDays()).isEqualTo(184);
        assertThat(slotgate.fill().nearDays()).isEqualTo(16);
        assertThat(slotgate.backgroundSpacing()).isEqualTo(Duration.ofSeconds(10));
        assertThat(slotgate.freedSpacing()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PolicyJson.parse("{\"freedSpacingSeconds\":0}").freedSpacing()).isZero();
        assertThat(PolicyJson.parse("{\"backgroundSpacingSeconds\":0}").backgroundSpacing()).isZero();
    }

    @Test
    void farMonthsGivenAsTrueOrFalseStillReadAsOneMonthOrNone() {
        assertThat(PolicyJson.parse("{\"fillFarMonths\":true}").fill().farMonths()).isEqualTo(1);
        assertThat(PolicyJson.parse("{\"fillFarMonths\":false}").fill().farMonths()).isZero();
        assertThat(PolicyJson.parse("{\"fillFarMonths\":2}").fill().farMonths()).isEqualTo(2);
    }

    @Test
    void aWrongFieldIsRefusedByName() {
        assertThatThrownBy(() -> PolicyJson.parse("{\"backgroundSpacing\":5}"))
                .hasMessageContaining("unknown policy field 'backgroundSpacing'");
        assertThatThrownBy(() -> PolicyJson.parse("{\"backgroundSpacingSeconds\":-1}"))
                .hasMessageContaining("backgroundSpacing");
        assertThatThrownBy(() -> PolicyJson.parse("{\"fillFarMonths\":13}")).hasMessageContaining("far months");
    }
}
