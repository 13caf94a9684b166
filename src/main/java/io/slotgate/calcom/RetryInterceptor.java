package io.slotgate.calcom;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Retries what may succeed on a second try and cannot do harm twice: a GET that got a 5xx (not 501, which will not
 * change) or no answer at all (refused connection, timeout). Backoff is exponential with full jitter: before retry
 * {@code n} (from 0) it sleeps a uniform random time in [0, min(maxDelay, baseDelay * 2^n)].
 *
 * <p>Never retried: anything but GET (a POST booking retried after a timeout could book twice), 4xx (the same request
 * gets the same refusal) and 429 (the rate budget decides when to call again, not us). Placed outside the rate budget
 * in the chain, so every retry spends a token like a first try, and a retry the budget refuses ends the retrying.
 */
public final class RetryInterceptor implements CalcomInterceptor {

    /**
     * @param maxRetries retries after the first try (so at most maxRetries + 1 calls)
     * @param baseDelay  the cap of the first retry's random delay; doubled for each further retry
     * @param maxDelay   no delay cap grows beyond this
     */
    public record Settings(int maxRetries, Duration baseDelay, Duration maxDelay) {
        public Settings {
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (maxRetries < 0 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("need retries >= 0 and 0 <= base delay <= max delay");
            }
        }

        public static Settings defaults() {
            return new Settings(2, Duration.ofMillis(200), Duration.ofSeconds(2));
        }
    }

    private final Settings settings;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public RetryInterceptor(Settings settings, Sleeper sleeper, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public UpstreamResponse intercept(UpstreamRequest request, Chain chain) throws IOException {
        if (!"GET".equalsIgnoreCase(request.method())) {
            return chain.proceed(request);
        }
        for (int retry = 0; ; retry++) {
            boolean last = retry == settings.maxRetries();
            UpstreamResponse response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (last || Thread.currentThread().isInterrupted()) { // an interrupt is someone stopping us
                    throw e;
                }
                pause(retry);
                continue;
            }
            if (last || !isRetryable(response.status())) {
                return response;
            }
            pause(retry);
        }
    }

    static boolean isRetryable(int status) {
        return status >= 500 && status != 501;
    }

    /** The random delay before retry {@code retry} (0-based): uniform in [0, min(maxDelay, baseDelay * 2^retry)]. */
    Duration delayBefore(int retry) {
        long base = settings.baseDelay().toNanos();
        long cap = settings.maxDelay().toNanos();
        long bound = retry >= 62 || base > (cap >> Math.min(retry, 62)) ? cap : Math.min(cap, base << retry);
        return bound == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(bound + 1));
    }

    private void pause(int retry) throws InterruptedIOException {
        try {
            sleeper.sleep(delayBefore(retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between retries");
        }
    }
}
