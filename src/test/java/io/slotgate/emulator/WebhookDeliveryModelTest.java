package io.slotgate.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The default webhook delivery: log-normal, median 1 s, 99th percentile 10 s, 1% lost. */
class WebhookDeliveryModelTest {
    @Test
    void theDefaultModelHasTheSeedWorkloadsMedianP99AndLossRate() {
        WebhookDeliveryModel model = WebhookDeliveryModel.calcom();
        Random random = new Random(1);
        List<Long> delays = new ArrayList<>();
        int lost = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            Optional<Duration> d = model.sample(random);
            if (d.isEmpty()) {
                lost++;
            } else {
                delays.add(d.get().toMillis());
            }
        }
        delays.sort(Long::compare);
        assertThat(lost / (double) n).isBetween(0.009, 0.011);
        assertThat(delays.get(delays.size() / 2)).isBetween(950L, 1050L);
        assertThat(delays.get((int) (delays.size() * 0.99))).isBetween(9_000L, 11_000L);
    }

    @Test
    void theImmediateModelNeverDelaysNorLoses() {
        Random random = new Random(2);
        for (int i = 0; i < 1000; i++) {
            assertThat(WebhookDeliveryModel.immediate().sample(random)).contains(Duration.ZERO);
        }
    }
}
