package io.slotgate.calcom;

import java.time.Duration;

/**
 * How the client waits (for a rate-budget token, between retries). Injected, like the clock, so tests and the
 * simulator can drive waiting in virtual time; production sleeps the current (virtual) thread.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread for real. */
    static Sleeper system() {
        return duration -> {
            if (duration.isPositive()) {
                Thread.sleep(duration);
            }
        };
    }
}
