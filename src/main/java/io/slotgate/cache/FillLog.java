package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line per call: {@code fill tenant= eventType= duration= days=first..last(n) outcome= age= upstreamMs=
 * cause=}, where age is that of the oldest bucket replaced ({@code none} for days not cached) and cause the most
 * urgent priority that asked (a user's miss, a refetch, a refresh, warming). Logged as the cache's, where operators
 * look for it.
 */
final class FillLog {
    private static final Logger LOG = LoggerFactory.getLogger(DayBucketCache.class);

    private final BucketStore store;
    private final Clock clock;

    FillLog(BucketStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** When the oldest bucket the call replaces was fetched; null when none is stored or the line is not logged. */
    Instant oldestReplaced(List<CacheKey.Bucket> span) {
        if (!LOG.isInfoEnabled()) {
            return null;
        }
        Instant oldest = null;
        for (CacheKey.Bucket key : span) {
            Optional<DayBucket> old = store.get(key);
            if (old.isPresent() && (oldest == null || old.get().fetchedAt().isBefore(oldest))) {
                oldest = old.get().fetchedAt();
            }
        }
        return oldest;
    }

    void call(FillBatch batch, CalcomOutcome<List<Slot>> outcome, Instant replacing, long upstreamMs) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String result = switch (outcome) {
            case CalcomOutcome.Success<List<Slot>> ok -> "ok slots=" + ok.value().size();
            case CalcomOutcome.RateLimited<List<Slot>> limited -> "rate-limited";
            case CalcomOutcome.Unauthorised<List<Slot>> refused -> "unauthorised";
            case CalcomOutcome.Rejected<List<Slot>> rejected -> "rejected status=" + rejected.response().status();
            case CalcomOutcome.SlotTaken<List<Slot>> taken -> "rejected status=" + taken.response().status();
            case CalcomOutcome.UpstreamError<List<Slot>> error -> "upstream-error";
        };
        FillTarget t = batch.target();
        LOG.info("fill tenant={} eventType={} duration={} days={}..{}({}) waiting={} outcome={} age={} upstreamMs={} "
                        + "cause={}", t.tenant(), t.eventTypeId(), t.durationMinutes(), batch.days().first(),
                batch.days().last(), batch.days().count(), batch.needs().size(), result,
                replacing == null ? "none" : DayBucket.ageOf(replacing, clock.instant()), upstreamMs,
                batch.priority().name().toLowerCase(Locale.ROOT));
    }
}
