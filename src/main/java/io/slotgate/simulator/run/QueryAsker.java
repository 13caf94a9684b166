package io.slotgate.simulator.run;

import io.slotgate.availability.Availability;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.SlotsQuery;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.finder.Finder;
import io.slotgate.finder.NextAvailable;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Asks slotgate the stream's queries as a front-end would (slots for a week, a fortnight or a day, or the next
 * available slot), records each reply and judges one in {@code judgeEvery} against the emulator's truth.
 */
final class QueryAsker {
    private final Workload workload;
    private final RunWiring wiring;
    private final AvailabilityService availability;
    private final Finder finder;
    private final int judgeEvery;
    private long answersSeen;

    QueryAsker(Workload workload, RunWiring wiring, Finder finder, int judgeEvery) {
        this.workload = workload;
        this.wiring = wiring;
        this.availability = wiring.tenant().availability();
        this.finder = finder;
        this.judgeEvery = judgeEvery;
    }

    /** Asks, records the reply and judges it; returns the reply's latency. */
    Duration query(SimEvent.Query q) {
        wiring.waitedNanos().set(0);
        Instant now = wiring.clock().instant();
        ZoneId zone = q.zone().orElse(ZoneOffset.UTC);
        LocalDate today = LocalDate.ofInstant(now, zone);
        boolean judged = answersSeen++ % judgeEvery == 0;
        try {
            return switch (q.kind()) {
                case SLOTS_7_DAYS -> slots(q, localDays(zone, today, today.plusDays(6), q.startsNow() ? now : null), judged);
                case SLOTS_14_DAYS -> slots(q, localDays(zone, today, today.plusDays(13), q.startsNow() ? now : null),
                        judged);
                case ONE_DAY -> slots(q, localDays(zone, today.plusDays(q.dayOffset()), today.plusDays(q.dayOffset()),
                        null), judged);
                case NEXT_AVAILABLE -> next(q, judged);
            };
        } catch (FillFailedException e) {
            // no answer at all (Cal.com failed and nothing servable was cached): slotgate's 503, never a wrong answer
            return wiring.recorder().refused(refusal(e), now, wiring.waited());
        }
    }

    /** From the first day's start (or {@code from}, when the query starts now) to the last day's end, in {@code zone}. */
    private static TimeRange localDays(ZoneId zone, LocalDate first, LocalDate last, Instant from) {
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
        return new TimeRange(from != null && from.isAfter(start) ? from : start, end);
    }

    /** The rate budget's own refusal carries its mark; anything else is Cal.com failing (its 429 included). */
    static Recorder.Refusal refusal(FillFailedException e) {
        return e.outcome() instanceof CalcomOutcome.RateLimited<?> limited && limited.response() != null
                && limited.response().header(RateBudgetInterceptor.REFUSED_HEADER).isPresent()
                ? Recorder.Refusal.RATE_BUDGET : Recorder.Refusal.UPSTREAM;
    }

    private Duration slots(SimEvent.Query q, TimeRange range, boolean judged) {
        Availability answer = availability.slots(new SlotsQuery(q.eventTypeId(), range, q.durationMinutes()));
        Duration latency = record(answer.outcome(), answer.age());
        if (judged) {
            judgement(wiring.judge().slots(q.eventTypeId(), lengthOf(q), range, answer.slots()));
        }
        return latency;
    }

    private Duration next(SimEvent.Query q, boolean judged) {
        Instant now = wiring.clock().instant();
        long eventTypeId = q.eventTypeId();
        NextAvailable first = finder.next(eventTypeId, Optional.empty(), workload.nextSearchDays(), q.durationMinutes(),
                ZoneOffset.UTC);
        NextAvailable answer = first.found() ? first : finder.next(eventTypeId,
                Optional.of(now.plus(Duration.ofDays(workload.nextSearchDays()))),
                workload.nextMaxDays() - workload.nextSearchDays(), q.durationMinutes(), ZoneOffset.UTC);
        CacheOutcome outcome = first.found() ? first.outcome() : first.outcome().and(answer.outcome());
        Duration latency = record(outcome, first.age().compareTo(answer.age()) > 0 ? first.age() : answer.age());
        if (judged) {
            int horizon = first.found() ? workload.nextSearchDays() : workload.nextMaxDays();
            judgement(wiring.judge().next(eventTypeId, lengthOf(q), Judge.horizon(now, horizon), answer.slot()));
        }
        return latency;
    }

    private int lengthOf(SimEvent.Query q) {
        return q.durationMinutes().orElseGet(() -> wiring.judge().lengthOf(q.eventTypeId()));
    }

    private Duration record(CacheOutcome outcome, Duration age) {
        return wiring.recorder().answer(outcome.servedFromCache(), outcome == CacheOutcome.STALE, age, wiring.waited());
    }

    private void judgement(Judge.Verdict v) {
        wiring.recorder().judgement(v.falseAvailable(), v.falseUnavailable(), v.offeredAfterWebhook());
    }
}
