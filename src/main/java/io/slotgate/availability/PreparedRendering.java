package io.slotgate.availability;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.Lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Renders answers for the routes that write bytes, serving a rendering kept from an earlier request again while it is
 * certainly what laying the answer out now would give ({@link PreparedAnswers}).
 */
final class PreparedRendering {
    private final BucketReader reader;
    private final DayLayout layout;
    private final ServedAnnouncer announcer;
    private final PreparedAnswers prepared;

    PreparedRendering(Clock clock, BucketReader reader, DayLayout layout, ServedAnnouncer announcer) {
        this.reader = reader;
        this.layout = layout;
        this.announcer = announcer;
        this.prepared = new PreparedAnswers(clock, PreparedAnswers.DEFAULT_MAX_BYTES);
    }

    /** A seed profile's answer: rendered every time, as nothing tells when it would change. */
    AvailabilityService.Rendered ofExactQuery(Availability answer, AnswerForm form) {
        prepared.renderedOnly();
        return new AvailabilityService.Rendered(RenderedAnswer.of(form.render(answer.slots())), answer.outcome(),
                answer.age(), answer.patched(), answer.layout());
    }

    // the day buckets are looked up every time all the same, so freshness, refreshes, patches and X-Cache are
    // exactly as for an unrendered answer
    AvailabilityService.Rendered ofBuckets(SlotsQuery query, AnswerForm form) {
        BucketReader.Read read = reader.read(query);
        Lookup lookup = read.lookup();
        Instant now = read.now();
        PreparedAnswers.Key key = new PreparedAnswers.Key(query, form);
        int notice = read.info().minimumBookingNoticeMinutes();
        PreparedAnswers.Entry entry = prepared.servable(key, lookup.buckets(), notice, now);
        if (entry == null) {
            DayLayout.LaidOut laid = layout.laidOut(query, lookup, read.info(), now, read.earliest());
            RenderedAnswer answer = RenderedAnswer.of(form.render(laid.slots()));
            entry = new PreparedAnswers.Entry(answer, laid.layout(), lookup.buckets().toArray(DayBucket[]::new),
                    notice, now.toEpochMilli(), laid.unchangedBefore() == null ? now.toEpochMilli()
                    : laid.unchangedBefore().toEpochMilli());
            prepared.put(key, entry);
        }
        LayoutCounts.Layout laidAs = entry.layout();
        announcer.served(query, read, laidAs);
        boolean asked = laidAs == LayoutCounts.Layout.ASKED;
        return new AvailabilityService.Rendered(entry.answer(), asked ? CacheOutcome.MISS : lookup.outcome(),
                asked ? Duration.ZERO : lookup.age(), !asked && lookup.patched(), laidAs);
    }

    /** Whether a rendering of this query in this form is kept and valid now ({@link PreparedAnswers#keptNow}). */
    boolean keptNow(SlotsQuery query, AnswerForm form) {
        return prepared.keptNow(new PreparedAnswers.Key(query, form));
    }

    AvailabilityService.RenderingStats stats() {
        return new AvailabilityService.RenderingStats(prepared.reused(), prepared.rendered(), prepared.size(),
                prepared.weightedBytes());
    }
}
