package io.slotgate.calcom;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The calls made with one Cal.com API key: a sliding log of when each one stops counting. One ledger per key, kept in
 * the process ({@link #local()}) or shared by every instance through Redis, so that one key has one budget however
 * many instances spend it. {@link RateBudget} decides who may take a call; the ledger only counts, atomically.
 *
 * <p>An entry counts from the moment it is taken until its expiry: a call we make counts for the window (Cal.com's
 * 60 s plus the skew between our clock and the arrival of the call at Cal.com), a call Cal.com told us about that we
 * did not make (someone else spending the key) counts until Cal.com's own reset.
 */
public interface RateLedger {
    /**
     * Takes one call if fewer than {@code limit - reserve} entries count at {@code now}, to count until
     * {@code now + window}; otherwise says how long until enough entries stop counting. Also refuses while a block
     * ({@link #block}) lasts.
     */
    Take take(Instant now, Duration window, int limit, int reserve);

    /** Adds {@code calls} entries that count until {@code until}: calls Cal.com counted that this ledger did not. */
    void hold(Instant now, int calls, Instant until);

    /** Refuses every call until {@code until} (Cal.com answered 429, or sent Retry-After). */
    void block(Instant until);

    /** Entries counting at {@code now}. */
    int used(Instant now);

    /** Entries counting at {@code now} that will still count at {@code at}. */
    int stillCounting(Instant now, Instant at);

    Optional<Instant> blockedUntil(Instant now);

    /** The answer to one {@link #take}: taken, or how long until one could be. */
    record Take(boolean taken, Duration retryIn) {
        public static Take granted() {
            return new Take(true, Duration.ZERO);
        }

        public static Take refused(Duration retryIn) {
            return new Take(false, retryIn.isNegative() ? Duration.ZERO : retryIn);
        }
    }

    /** A ledger of this process alone. */
    static RateLedger local() {
        return new LocalRateLedger();
    }
}
