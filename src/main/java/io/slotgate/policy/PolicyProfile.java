package io.slotgate.policy;

import io.slotgate.cache.FillSpan;
import io.slotgate.cache.Freshness;

import java.time.Duration;
import java.util.Objects;

/**
 * A named freshness policy: configuration, not code, so a rollback is a config change. Fresh windows depend on how
 * far ahead the day is (today, near, far), on whether it is empty, on the event type's recent booking velocity and on
 * the health of the webhook feed; {@code staleWindow} is how long past that a bucket may still be served stale.
 *
 * @param freshEmpty          fresh window of an empty day; null = the same as a day with slots
 * @param busyBookingsPerHour an event type with at least this many bookings in the last hour is "busy"
 * @param busyFactor          multiplies the fresh window of a busy event type's days
 * @param webhookSilence      no webhook for this long (while webhooks are expected) means the feed may be down
 * @param unhealthyFactor     multiplies fresh windows while the webhook feed looks unhealthy
 * @param refreshAheadBeta    XFetch's beta; 0 turns early refresh off
 * @param warmTopEventTypes   how many of the most-queried event types the warmer keeps fresh; 0 turns warming off
 * @param finderTtl           exact-query mode only: how long finder answers are cached on their own, as the
 *                            seed's SmartAppointmentFinder does; null = finder answers come from the slot cache
 * @param fill                how many days one Cal.com call fetches (day-bucket mode)
 * @param patchOnWebhook      whether a booking's time is taken out of cached buckets at once (a patch) rather than
 *                            the buckets dropped until a refetch
 * @param changedCopyFor      how long a copy whose change could only be patched conservatively (it may leave out
 *                            slots, never offers a taken one) is served, marked stale, while its refetch goes first
 * @param backgroundSpacing   the least time between two background calls (refetches, refreshes, warming) of one
 *                            event type and duration, so the changes of a busy minute share one call; zero: none
 * @param patchConfirmDelay   how long after an exact patch its day is refetched to confirm it (what a webhook cannot
 *                            tell: booking limits, seats); the changes of that time share the call
 * @param freedSpacing        the least time between two calls of one event type and duration asked for only by
 *                            changes whose copy offers no taken slot meanwhile (a cancellation, a released hold, a
 *                            patch's confirmation or a conservative patch's refetch): they risk leaving a freed slot out, never offering a taken
 *                            one, so they wait longer and share calls; never less than backgroundSpacing
 */
public record PolicyProfile(String name, KeyMode keys, InvalidationScope invalidation,
                            Duration freshToday, Duration freshNear, Duration freshFar, int nearDays,
                            Duration freshEmpty, Duration staleWindow,
                            double busyBookingsPerHour, double busyFactor,
                            Duration webhookSilence, double unhealthyFactor,
                            double refreshAheadBeta, boolean refreshOnInvalidate,
                            int warmTopEventTypes, int warmDays, Duration warmEvery,
                            Duration finderTtl, FillSpan fill, boolean patchOnWebhook, Duration changedCopyFor,
                            Duration backgroundSpacing, Duration patchConfirmDelay, Duration freedSpacing) {

    public PolicyProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(invalidation, "invalidation");
        requireNotNegative("freshToday", freshToday);
        requireNotNegative("freshNear", freshNear);
        requireNotNegative("freshFar", freshFar);
        requireNotNegative("staleWindow", staleWindow);
        requireNotNegative("webhookSilence", webhookSilence);
        requireNotNegative("warmEvery", warmEvery);
        requireNotNegative("changedCopyFor", changedCopyFor);
        requireNotNegative("backgroundSpacing", backgroundSpacing);
        requireNotNegative("patchConfirmDelay", patchConfirmDelay);
        requireNotNegative("freedSpacing", freedSpacing);
        Objects.requireNonNull(fill, "fill");
        if (freshEmpty != null) {
            requireNotNegative("freshEmpty", freshEmpty);
        }
        if (finderTtl != null) {
            requireNotNegative("finderTtl", finderTtl);
        }
        if (nearDays < 0 || warmTopEventTypes < 0 || warmDays < 0) {
            throw new IllegalArgumentException("nearDays, warmTopEventTypes and warmDays must not be negative");
        }
        if (busyFactor <= 0 || busyFactor > 1 || unhealthyFactor <= 0 || unhealthyFactor > 1) {
            throw new IllegalArgumentException("busyFactor and unhealthyFactor must be in (0, 1]");
        }
        if (refreshAheadBeta < 0 || busyBookingsPerHour < 0) {
            throw new IllegalArgumentException("refreshAheadBeta and busyBookingsPerHour must not be negative");
        }
        if (warmTopEventTypes > 0 && warmEvery.isZero()) {
            throw new IllegalArgumentException("warming needs a positive warmEvery");
        }
    }

    private static void requireNotNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be a duration of zero or more");
        }
    }

    /** The facts about one bucket a policy may look at. */
    public record BucketFacts(boolean empty, long daysAhead, boolean busy, boolean webhooksHealthy) {
    }

    public Freshness freshness(BucketFacts facts) {
        Duration base = facts.empty() && freshEmpty != null ? freshEmpty
                : facts.daysAhead() <= 0 ? freshToday
                : facts.daysAhead() <= nearDays ? freshNear
                : freshFar;
        double factor = (facts.busy() ? busyFactor : 1.0) * (facts.webhooksHealthy() ? 1.0 : unhealthyFactor);
        Duration fresh = Duration.ofMillis(Math.round(base.toMillis() * factor));
        return new Freshness(fresh, fresh.plus(staleWindow));
    }

    public boolean servesStale() {
        return !staleWindow.isZero();
    }

    public PolicyProfile named(String newName) {
        return new PolicyProfile(newName, keys, invalidation, freshToday, freshNear, freshFar, nearDays, freshEmpty,
                staleWindow, busyBookingsPerHour, busyFactor, webhookSilence, unhealthyFactor, refreshAheadBeta,
                refreshOnInvalidate, warmTopEventTypes, warmDays, warmEvery, finderTtl, fill, patchOnWebhook,
                changedCopyFor, backgroundSpacing, patchConfirmDelay, freedSpacing);
    }
}
