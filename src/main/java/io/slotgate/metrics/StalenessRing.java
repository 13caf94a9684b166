package io.slotgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the staleness verifier found: a counter per result since start, and the stale share of the last
 * {@value #WINDOW} checks, which a rate over counters would smooth away when checks are sparse.
 */
final class StalenessRing {
    static final int WINDOW = 200;

    private final Map<VerificationResult, Counter> verifications = new EnumMap<>(VerificationResult.class);
    private final boolean[] window = new boolean[WINDOW];
    private int seen;

    StalenessRing(MeterRegistry registry) {
        for (VerificationResult result : VerificationResult.values()) {
            verifications.put(result, Counter.builder("slotgate.staleness.verified")
                    .description("Served answers re-checked against Cal.com, by what the check found")
                    .tag("result", result.label())
                    .register(registry));
        }
        Gauge.builder("slotgate.staleness.sample", this::share)
                .description("Share of the last " + WINDOW
                        + " re-checked answers that were stale (false available or unavailable); NaN before any")
                .register(registry);
    }

    void record(VerificationResult result) {
        verifications.get(result).increment();
        synchronized (window) {
            window[seen % WINDOW] = result != VerificationResult.OK;
            seen++;
        }
    }

    private double share() {
        synchronized (window) {
            int n = Math.min(seen, WINDOW);
            if (n == 0) {
                return Double.NaN;
            }
            int stale = 0;
            for (int i = 0; i < n; i++) {
                stale += window[i] ? 1 : 0;
            }
            return (double) stale / n;
        }
    }
}
