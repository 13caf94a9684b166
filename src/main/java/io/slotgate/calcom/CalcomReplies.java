package io.slotgate.calcom;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** What Cal.com's answer to a call comes to, before its body is read: success, or which kind of failure. */
final class CalcomReplies {
    private static final Duration DEFAULT_BLOCK = Duration.ofSeconds(60);

    private CalcomReplies() {
    }

    static CalcomOutcome<UpstreamResponse> classify(UpstreamResponse response) {
        int status = response.status();
        if (response.isSuccess()) {
            return new CalcomOutcome.Success<>(response, response);
        }
        if (status == 429) {
            return new CalcomOutcome.RateLimited<>(retryAfter(response), response);
        }
        if (status == 401 || status == 403) {
            return new CalcomOutcome.Unauthorised<>(response);
        }
        if (isSlotTaken(response)) {
            return new CalcomOutcome.SlotTaken<>(response);
        }
        if (status >= 400 && status < 500) {
            return new CalcomOutcome.Rejected<>(response);
        }
        if (CircuitBreakerInterceptor.isOpenReply(response)) {
            return new CalcomOutcome.UpstreamError<>(status,
                    "Cal.com failed repeatedly, so slotgate is not calling it for a while (circuit open)");
        }
        return new CalcomOutcome.UpstreamError<>(status, "Cal.com answered " + status);
    }

    /** A call that never got an answer (refused, reset, timed out). */
    static <T> CalcomOutcome<T> unanswered(IOException e) {
        String kind = e.getClass().getSimpleName();
        return new CalcomOutcome.UpstreamError<>(0, e.getMessage() == null ? kind : kind + ": " + e.getMessage());
    }

    /** NOTES.md §3d: a 400 saying the host is busy, and any 409, mean the slot was taken. */
    static boolean isSlotTaken(UpstreamResponse response) {
        if (response.status() == 409) {
            return true;
        }
        return response.status() == 400
                && (response.body().contains("already has booking at this time or is not available")
                || response.body().contains("no_available_users_found_error"));
    }

    /**
     * Cal.com's guard sets no Retry-After (NOTES.md §6) but X-RateLimit-Reset-Default in seconds; a proxy in front
     * may add Retry-After. Without either, a 429 means the default 60 s block.
     */
    static Duration retryAfter(UpstreamResponse response) {
        return seconds(response.header("retry-after"))
                .or(() -> seconds(response.header("x-ratelimit-reset-default")))
                .filter(d -> !d.isZero())
                .orElse(DEFAULT_BLOCK);
    }

    private static Optional<Duration> seconds(Optional<String> header) {
        try {
            return header.map(String::trim).map(Long::parseLong).filter(s -> s >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
