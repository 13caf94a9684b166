package io.slotgate.ops;

import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.availability.ServedAnswer;
import io.slotgate.cache.BucketFiller;
import io.slotgate.cache.CacheKey;
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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
 *
 * <p>Behind this front: {@link ServedSamples} (the sample and the draw), {@link SlotComparison} (served against
 * Cal.com's answer) and {@link StalenessTally} (the counts).
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
    private final ServedSamples samples;
    private final StalenessTally tally = new StalenessTally();
    private final List<Consumer<Verdict>> verdictListeners = new CopyOnWriteArrayList<>();

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
        this.samples = new ServedSamples(settings.sampleCapacity(), random);
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

    /** Remembers the latest answer of each bucket served (see {@link ServedSamples#served}). */
    @Override
    public void served(ServedAnswer answer) {
        samples.served(answer);
    }

    /** Told of every verdict of a verification that reached Cal.com (the metrics count them). */
    public void onVerdict(Consumer<Verdict> listener) {
        verdictListeners.add(listener);
    }

    /** One round: up to {@link Settings#perRound()} remembered buckets, picked at random, each verified once. */
    public Round verifyRound() {
        List<ServedSamples.Sample> picked = samples.pick(settings.perRound());
        int staleFound = 0;
        int skippedHere = 0;
        for (ServedSamples.Sample sample : picked) {
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

    Verdict verify(ServedSamples.Sample sample) {
        CacheKey.Bucket key = sample.key();
        EventTypeInfo info = eventTypes.get(key.eventTypeId());
        Instant earliest = clock.instant().plus(info.minimumNotice());
        if (sample.window().end().isBefore(earliest)) {
            tally.skipped();
            return Verdict.SKIPPED; // all of it has passed: nothing left to judge
        }
        long started = System.nanoTime();
        CalcomOutcome<List<Slot>> outcome = upstream.fetch(key.target(), TimeRange.utcDays(key.day(), key.day()),
                Priority.VERIFICATION, Duration.ZERO);
        long upstreamMs = (System.nanoTime() - started) / 1_000_000;
        if (!(outcome instanceof CalcomOutcome.Success<List<Slot>> ok)) {
            tally.skipped();
            LOG.debug("verify tenant={} eventType={} day={} outcome=skipped reason={} upstreamMs={}", tenant,
                    key.eventTypeId(), key.day(), outcome.getClass().getSimpleName(), upstreamMs);
            return Verdict.SKIPPED;
        }
        SlotComparison found = SlotComparison.of(sample.served(), ok.value(), sample.window(), earliest);
        Verdict verdict = found.verdict();
        tally.verified(found);
        if (verdict == Verdict.FRESH) {
            LOG.debug("verify tenant={} eventType={} day={} outcome=fresh slots={} upstreamMs={}", tenant,
                    key.eventTypeId(), key.day(), found.judgedServed(), upstreamMs);
            return verdict;
        }
        boolean invalidate = stillServed(sample);
        if (invalidate) {
            cache.invalidate(key.generation());
            invalidations.invalidation(Cause.VERIFIER);
            invalidations.add(InvalidationCounters.GENERATIONS_BUMPED, 1);
            tally.invalidated();
        }
        LOG.info("verify tenant={} eventType={} day={} outcome=stale falseAvailable={} falseUnavailable={} age={}s "
                        + "upstreamMs={} invalidated={} cause={}", tenant, key.eventTypeId(), key.day(),
                found.falseAvailable().size(), found.falseUnavailable().size(),
                Duration.between(sample.fetchedAt(), sample.servedAt()).toSeconds(), upstreamMs, invalidate,
                Cause.VERIFIER);
        return verdict;
    }

    /** Whether the cache still holds the bucket that was served (not refreshed or invalidated since). */
    private boolean stillServed(ServedSamples.Sample sample) {
        return cache.current(sample.key()).filter(bucket -> !bucket.fetchedAt().isAfter(sample.fetchedAt()))
                .isPresent();
    }

    public Snapshot snapshot() {
        return tally.snapshot(samples::size);
    }
}
