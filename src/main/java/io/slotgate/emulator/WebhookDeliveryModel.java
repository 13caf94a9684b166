package io.slotgate.emulator;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How late webhooks arrive, and how many never do (DESIGN.md §1): a log-normal delay given by its median and 99th
 * percentile, and a loss rate. Cal.com makes one attempt and does not retry (NOTES §5e).
 */
public record WebhookDeliveryModel(Duration median, Duration p99, double lossRate) {
    /** z of the 99th percentile of the standard normal distribution. */
    private static final double Z99 = 2.3263478740408408;

    public WebhookDeliveryModel {
        if (median.isNegative() || p99.compareTo(median) < 0) {
            throw new IllegalArgumentException("need 0 <= median <= p99, got " + median + ", " + p99);
        }
        if (lossRate < 0 || lossRate > 1) {
            throw new IllegalArgumentException("loss rate must be within 0..1, got " + lossRate);
        }
    }

    /** The seed workload's figures: median 1 s, p99 10 s, 1% lost. */
    public static WebhookDeliveryModel calcom() {
        return new WebhookDeliveryModel(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.01);
    }

    /** At once, every time: for tests. */
    public static WebhookDeliveryModel immediate() {
        return new WebhookDeliveryModel(Duration.ZERO, Duration.ZERO, 0);
    }

    /** The delay of one delivery, or empty when it is lost. */
    public Optional<Duration> sample(RandomGenerator random) {
        if (lossRate > 0 && random.nextDouble() < lossRate) {
            return Optional.empty();
        }
        if (median.isZero()) {
            return Optional.of(Duration.ZERO);
        }
        double mu = Math.log(median.toNanos());
        double sigma = p99.equals(median) ? 0 : Math.log((double) p99.toNanos() / median.toNanos()) / Z99;
        double nanos = Math.exp(mu + sigma * random.nextGaussian());
        return Optional.of(Duration.ofNanos((long) Math.min(nanos, Duration.ofHours(1).toNanos())));
    }
}
