package io.slotgate.calcom;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Cal.com's rate-limit headers teach the budget: the key's limit, calls someone else made with the key, and
 * blocks (NOTES.md §6).
 */
final class CalcomRateHeaders {
    private final int margin;
    private final RateLedger ledger;
    private volatile int limit;
    private volatile int calcomLimit = -1;

    CalcomRateHeaders(int configuredLimit, int margin, RateLedger ledger) {
        this.limit = configuredLimit;
        this.margin = margin;
        this.ledger = ledger;
    }

    /** The configured limit, or Cal.com's own once it told one. */
    int limit() {
        return limit;
    }

    OptionalInt calcomLimit() {
        return calcomLimit > 0 ? OptionalInt.of(calcomLimit) : OptionalInt.empty();
    }

    void observe(UpstreamResponse response, Instant now) {
        intHeader(response, "x-ratelimit-limit-default")
                .filter(l -> l > margin + 1 && l != calcomLimit)
                .ifPresent(l -> {
                    calcomLimit = l;
                    limit = l;
                });
        Optional<Integer> reset = intHeader(response, "x-ratelimit-reset-default");
        if (response.status() == 429 || response.header("retry-after").isPresent()) {
            ledger.block(now.plus(CalcomReplies.retryAfter(response)));
            return;
        }
        Optional<Integer> remaining = intHeader(response, "x-ratelimit-remaining-default");
        if (remaining.isPresent() && reset.isPresent()) {
            Instant windowEnd = now.plusSeconds(reset.get());
            int calcomUsed = limit - remaining.get();
            // what Cal.com counted in its window that our ledger does not: calls someone else made with the key. Ours
            // are the entries taken from SKEW before the window began (each counts WINDOW from when it was taken: a
            // call is taken before it travels, so one taken a moment before the window may have arrived in it), and
            // what earlier answers already added (those count until the window's end and its skew)
            int ours = ledger.stillCounting(now, windowEnd.minusMillis(1));
            int unexplained = calcomUsed - ours;
            if (unexplained > 0) {
                ledger.hold(now, unexplained, windowEnd.plus(RateBudget.SKEW));
            }
        }
    }

    private static Optional<Integer> intHeader(UpstreamResponse response, String name) {
        try {
            return response.header(name).map(String::trim).map(Integer::parseInt).filter(v -> v >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
