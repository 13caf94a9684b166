package io.slotgate.ops;

import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.availability.ServedAnswer;
import io.slotgate.cache.BucketFiller;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.invalidation.Cause;
import io.slotgate.invalidation.InvalidationCounters;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * Measures staleness in production (issue 6): remembers a bounded sample of the day buckets recently served (the
 * latest answer per bucket key, the oldest forgotten first), and every {@link Settings#every()} takes a few of them
 * at random, asks Cal.com for the same day again at {@link Priority#VERIFICATION} (through the tenant's client, so
 * inside its rate budget and the first call refused when tokens are scarce), and compares what was served with what
 * Cal.com says now:
 * <ul>
 *   <li><b>false-available</b>: a served slot Cal.com no longer offers (a client would be refused on booking it);</li>
 *   <li><b>false-unavailable</b>: a slot Cal.com offers that was not served (a lost booking).</li>
 * </ul>
 * Only slots inside the answer's range that still start after now plus the event type's notice are judged: slots
 * that have passed since, or moved inside the notice, differ legitimately. A difference may also come from a change
 * made after the answer was served; verifying within seconds of serving keeps that share small, so the ratio is an
 * upper bound of the staleness users saw.
 *
 * <p>A bucket found stale that is still the one being served is invalidated at once (cause {@code verifier}), so the
 * next reader gets the truth. Figures are in {@link #snapshot()}, for the admin API and metrics.
 */
public final class StalenessVerifier implements ServedAnswer.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(StalenessVerifier.class);

    /**
     * @param every          how often a round runs; zero or negative: never (samples are still kept, a round can be
     *                       run by hand)
     * @param perRound       buckets verified per round (each one upstream call)
     * @param sampleCapacity served buckets remembered at most
     */
    public record Settings(Duration every, int perRound, int sampleCapacity) {
        public Settings {
            Objects.requireNonNull(every, "every");
            if (perRound < 1 || perRound > 100) {
                throw new IllegalArgumentException("verifier per round must be 1-100, got " + perRound);
            }
            if (sampleCapacity < 1 || sampleCapacity > 1_000_000) {
                throw new IllegalArgumentException("verifier sample size must be 1-1000000, got " + sampleCapacity);
            }
        }

        /**
         * One bucket a minute per tenant: 1,440 Cal.com calls a day, at the lowest priority, for a staleness figure
         * with a sample of 1,440 a day; enough to see a rate of 0.5% within a few days, cheap next to the cache's own.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), 1, 1000);
        }

        public static Settings off() {
            return new Settings(Duration.ZERO, 1, 1);
        }

        public boolean enabled() {
            return every.isPositive();
        }
    }

    /**
     * One served bucket: what of it the answer could show (inside its range), and when. What it showed is worked out
     * only when the sample is verified, not on the serving thread: the bucket is immutable, so it is the same then.
     */
    record Sample(CacheKey.Bucket key, ServedAnswer answer, DayBucket bucket, TimeRange window, Instant fetchedAt,
                  long generation, Instant servedAt) {
        List<Slot> served() {
            return answer.shown(bucket);
        }
    }

    /** What one verification found. */
    public enum Verdict { FRESH, FALSE_AVAILABLE, FALSE_UNAVAILABLE, BOTH, SKIPPED }

    /** What one round did. */
    public record Round(int verified, int stale, int skipped) {
    }

    /**
     * The verifier's figures so far. {@code staleRatio} is stale answers over {@code samplesVerified} (the sample
     * size); the two other ratios split it by kind (an answer may be both).
     */
    public record Snapshot(long samplesVerified, long freshAnswers, long staleAnswers, long falseAvailableAnswers,
                           long falseUnavailableAnswers, long falseAvailableSlots, long falseUnavailableSlots,
                           long bucketsInvalidated, long skipped, int samplesPending, double staleRatio,
                           double falseAvailableRatio, double falseUnavailableRatio) {
    }

    private final TenantId tenant;
    private final BucketFiller upstream;
    private final EventTypeDirectory eventTypes;
    private final DayBucketCache cache;
    private final InvalidationCounters invalidations;
    private final Clock clock;
    private final Settings settings;
    private final RandomGenerator random;
    /** In access order: the least recently served bucket is the first to go beyond the capacity. */
    private final LinkedHashMap<CacheKey.Bucket, Sample> samples = new LinkedHashMap<>(16, 0.75f, true);

    private final LongAdder verified = new LongAdder();
    private final LongAdder fresh = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder falseAvailableAnswers = new LongAdder();
    private final LongAdder falseUnavailableAnswers = new LongAdder();
    private final LongAdder falseAvailableSlots = new LongAdder();
    private final LongAdder falseUnavailableSlots = new LongAdder();
    private final LongAdder invalidated = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    /**
     * @param upstream how buckets are fetched (the tenant's filler, which picks the duration as fills do); called
     *                 here at {@link Priority#VERIFICATION} only
     */
    public StalenessVerifier(TenantId tenant, BucketFiller upstream, EventTypeDirectory eventTypes, DayBucketCache cache,
                             InvalidationCounters invalidations, Clock clock, Settings settings, RandomGenerator random) {
        this.tenant = tenant;
        this.upstream = upstream;
        this.eventTypes = eventTypes;
        this.cache = cache;
        this.invalidations = invalidations;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
    }

    /** Runs a round every {@link Settings#every()} on the scheduler, when enabled. */
    public void start(Scheduler scheduler) {
        if (settings.enabled()) {
            scheduler.every(settings.every(), () -> {
                try {
                    verifyRound();
                } catch (RuntimeException e) {
                    LOG.warn("verifier round failed tenant={}", tenant, e);
                }
            });
        }
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Remembers the latest answer of each bucket served. A hot query serves the same buckets over and over: a sample
     * of the same bucket over the same window is then kept as it is and only moved to the newest end (what it showed
     * is worked out at verification, against the verification's own now + notice, so the newer answer would be
     * judged the same); only its {@code servedAt}, which the log's age reads, stays the first serve's.
     */
    @Override
    public void served(ServedAnswer answer) {
        synchronized (samples) {
            boolean added = false;
            for (DayBucket bucket : answer.buckets()) {
                // the UTC day's bounds from its epoch day: a ZonedDateTime per day showed on the hit path's profile
                long dayStart = bucket.key().day().toEpochDay() * 86_400L;
                Instant from = later(Instant.ofEpochSecond(dayStart), answer.range().start());
                Instant to = earlier(Instant.ofEpochSecond(dayStart + 86_400L).minusMillis(1), answer.range().end());
                if (to.isBefore(from) || to.isBefore(answer.earliest())) {
                    continue; // nothing of this day could be shown
                }
                Sample kept = samples.get(bucket.key()); // access order: moved to the newest end
                if (kept != null && kept.bucket() == bucket && kept.window().start().equals(from)
                        && kept.window().end().equals(to)) {
                    continue;
                }
                samples.put(bucket.key(), new Sample(bucket.key(), answer, bucket, new TimeRange(from, to),
                        bucket.fetchedAt(), bucket.generation(), answer.servedAt()));
                added = true;
            }
            if (added) {
                Iterator<CacheKey.Bucket> oldest = samples.keySet().iterator();
                while (samples.size() > settings.sampleCapacity() && oldest.hasNext()) {
                    oldest.next();
                    oldest.remove();
                }
            }
        }
    }

    /** Told of every verdict of a verification that reached Cal.com (the metrics count them). */
    public void onVerdict(java.util.function.Consumer<Verdict> listener) {
        verdictListeners.add(listener);
    }

    private final List<java.util.function.Consumer<Verdict>> verdictListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One round: up to {@link Settings#perRound()} remembered buckets, picked at random, each verified once. */
    public Round verifyRound() {
        List<Sample> picked = pick(settings.perRound());
        int staleFound = 0;
        int skippedHere = 0;
        for (Sample sample : picked) {
            Verdict verdict = verify(sample);
            if (verdict != Verdict.SKIPPED) {
                verdictListeners.forEach(l -> l.accept(verdict));
            }
            if (verdict == Verdict.SKIPPED) {
                skippedHere++;
            } else if (verdict != Verdict.FRESH) {
                staleFound++;
            }
        }
        return new Round(picked.size() - skippedHere, staleFound, skippedHere);
    }

    private List<Sample> pick(int count) {
        synchronized (samples) {
            List<CacheKey.Bucket> keys = new ArrayList<>(samples.keySet());
            List<Sample> picked = new ArrayList<>();
            while (picked.size() < count && !keys.isEmpty()) {
                CacheKey.Bucket key = keys.remove(random.nextInt(keys.size()));
                picked.add(samples.remove(key));
            }
            return picked;
        }
    }

    Verdict verify(Sample sample) {
        CacheKey.Bucket key = sample.key();
        EventTypeInfo info = eventTypes.get(key.eventTypeId());
        Instant earliest = clock.instant().plus(info.minimumNotice());
        if (sample.window().end().isBefore(earliest)) {
            skipped.increment();
            return Verdict.SKIPPED; // all of it has passed: nothing left to judge
        }
        long started = System.nanoTime();
        CalcomOutcome<List<Slot>> outcome = upstream.fetch(key.target(), TimeRange.utcDays(key.day(), key.day()),
                Priority.VERIFICATION, Duration.ZERO);
        long upstreamMs = (System.nanoTime() - started) / 1_000_000;
        if (!(outcome instanceof CalcomOutcome.Success<List<Slot>> ok)) {
            skipped.increment();
            LOG.debug("verify tenant={} eventType={} day={} outcome=skipped reason={} upstreamMs={}", tenant,
                    key.eventTypeId(), key.day(), outcome.getClass().getSimpleName(), upstreamMs);
            return Verdict.SKIPPED;
        }
        Set<Slot> served = judged(sample.served(), sample.window(), earliest);
        Set<Slot> truth = judged(ok.value(), sample.window(), earliest);
        Set<Slot> falseAvailable = new HashSet<>(served);
        falseAvailable.removeAll(truth);
        Set<Slot> falseUnavailable = new HashSet<>(truth);
        falseUnavailable.removeAll(served);
        verified.increment();
        Verdict verdict = falseAvailable.isEmpty()
                ? (falseUnavailable.isEmpty() ? Verdict.FRESH : Verdict.FALSE_UNAVAILABLE)
                : (falseUnavailable.isEmpty() ? Verdict.FALSE_AVAILABLE : Verdict.BOTH);
        if (verdict == Verdict.FRESH) {
            fresh.increment();
            LOG.debug("verify tenant={} eventType={} day={} outcome=fresh slots={} upstreamMs={}", tenant,
                    key.eventTypeId(), key.day(), served.size(), upstreamMs);
            return verdict;
        }
        stale.increment();
        if (!falseAvailable.isEmpty()) {
            falseAvailableAnswers.increment();
            falseAvailableSlots.add(falseAvailable.size());
        }
        if (!falseUnavailable.isEmpty()) {
            falseUnavailableAnswers.increment();
            falseUnavailableSlots.add(falseUnavailable.size());
        }
        boolean invalidate = stillServed(sample);
        if (invalidate) {
            cache.invalidate(key.generation());
            invalidations.invalidation(Cause.VERIFIER);
            invalidations.add(InvalidationCounters.GENERATIONS_BUMPED, 1);
            invalidated.increment();
        }
        LOG.info("verify tenant={} eventType={} day={} outcome=stale falseAvailable={} falseUnavailable={} age={}s "
                        + "upstreamMs={} invalidated={} cause={}", tenant, key.eventTypeId(), key.day(),
                falseAvailable.size(), falseUnavailable.size(),
                Duration.between(sample.fetchedAt(), sample.servedAt()).toSeconds(), upstreamMs, invalidate,
                Cause.VERIFIER);
        return verdict;
    }

    /** Whether the cache still holds the bucket that was served (not refreshed or invalidated since). */
    private boolean stillServed(Sample sample) {
        return cache.current(sample.key()).filter(bucket -> !bucket.fetchedAt().isAfter(sample.fetchedAt()))
                .isPresent();
    }

    private static Set<Slot> judged(List<Slot> slots, TimeRange window, Instant earliest) {
        Set<Slot> judged = new HashSet<>();
        for (Slot slot : slots) {
            if (window.contains(slot.start()) && !slot.start().isBefore(earliest)) {
                judged.add(slot);
            }
        }
        return judged;
    }

    public Snapshot snapshot() {
        long n = verified.sum();
        int pending;
        synchronized (samples) {
            pending = samples.size();
        }
        return new Snapshot(n, fresh.sum(), stale.sum(), falseAvailableAnswers.sum(), falseUnavailableAnswers.sum(),
                falseAvailableSlots.sum(), falseUnavailableSlots.sum(), invalidated.sum(), skipped.sum(), pending,
                ratio(stale.sum(), n), ratio(falseAvailableAnswers.sum(), n), ratio(falseUnavailableAnswers.sum(), n));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
