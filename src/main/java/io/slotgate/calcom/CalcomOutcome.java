package io.slotgate.calcom;

import java.time.Duration;

/**
 * What a Cal.com call came to. Every failure is its own type, so no caller can mistake an error for "no slots".
 */
public sealed interface CalcomOutcome<T> {

    /** Cal.com answered 2xx with a body we understood. */
    record Success<T>(T value, UpstreamResponse response) implements CalcomOutcome<T> {
    }

    /** The slot asked for is no longer free (a 400 "already has booking ... not available", or any 409). */
    record SlotTaken<T>(UpstreamResponse response) implements CalcomOutcome<T> {
    }

    /** Cal.com throttled us; {@code retryAfter} is how long the block lasts. */
    record RateLimited<T>(Duration retryAfter, UpstreamResponse response) implements CalcomOutcome<T> {
    }

    /** Cal.com refused our credentials (401/403). */
    record Unauthorised<T>(UpstreamResponse response) implements CalcomOutcome<T> {
    }

    /** Cal.com refused the request itself (other 4xx): the caller's input, passed back as Cal.com said it. */
    record Rejected<T>(UpstreamResponse response) implements CalcomOutcome<T> {
    }

    /** No usable answer: 5xx, a timeout, a refused connection or a body we could not read. */
    record UpstreamError<T>(int status, String reason) implements CalcomOutcome<T> {
    }

    default boolean isSuccess() {
        return this instanceof Success<T>;
    }

    /** The same failure, typed for another value; only for outcomes that are not {@link Success}. */
    @SuppressWarnings("unchecked")
    default <U> CalcomOutcome<U> asFailure() {
        if (this instanceof Success<T>) {
            throw new IllegalStateException("a success is not a failure");
        }
        return (CalcomOutcome<U>) this;
    }
}
