package io.slotgate.availability;

import io.slotgate.cache.DayBucket;
import io.slotgate.cache.Lookup;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.AnswerValidity;
import io.slotgate.slots.CalcomLayout;
import io.slotgate.slots.DaySlice;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how an answer is laid out from the cached days: exactly, without edge gaps, by asking Cal.com, or
 * conservatively (docs/calcom-slots.md).
 */
final class DayLayout {
    // the category operators already filter on: the declined layouts were logged there before the split
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityService.class);
    private final CalcomClient client;

    DayLayout(CalcomClient client) {
        this.client = client;
    }

    /**
     * @param unchangedBefore the first instant the clock alone may change these slots; null when they are not to be
     *                        served again (Cal.com was asked, or no call was to spare)
     */
    record LaidOut(List<Slot> slots, LayoutCounts.Layout layout, Instant unchangedBefore) {
    }

    /**
     * The slots Cal.com would answer now (docs/calcom-slots.md): laid out again from the cached days by
     * {@link CalcomLayout#answer} when they tell it for certain. When they can only because Cal.com reads no booking
     * outside the window (a slot at the window's edge that the buffer of a booking just outside blocks is offered by
     * Cal.com, and may then be refused by its own booking check), the answer leaves such slots out
     * ({@link CalcomLayout#answerWithoutEdgeGaps}). When they cannot tell at all (a run the clock or the window moves
     * in ways the slices leave open, a patch that could only be conservative), Cal.com's own answer is asked for from
     * calls to spare ({@link Priority#EXACT}: never waiting, only while three quarters of the window is free); without one, the
     * reader gets the slots every reading of the days agrees Cal.com offers ({@link CalcomLayout#conservative}), which
     * may leave some out and never offers one Cal.com would not. Days whose call is not described (no event-type
     * facts) are filtered as before.
     */
    LaidOut laidOut(SlotsQuery query, Lookup lookup, EventTypeInfo info, Instant now, Instant earliest) {
        Optional<List<DaySlice>> slices = slices(lookup);
        int notice = info.minimumBookingNoticeMinutes();
        if (slices.isEmpty()) {
            return undescribed(query, lookup, now, earliest, notice);
        }
        Instant start = query.range().start();
        // a window ending at a midnight reads no slot of the day it begins (a slot starts before the end): the days
        // looked up stop before it, and so does the window they are asked for
        Instant afterLastDay = slices.get().get(slices.get().size() - 1).day().plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = query.range().end().isBefore(afterLastDay) ? query.range().end() : afterLastDay.minusMillis(1);
        try {
            Optional<List<Slot>> exact = CalcomLayout.answer(slices.get(), start, end, query.zone(), now, notice);
            if (exact.isPresent()) {
                return new LaidOut(exact.get(), LayoutCounts.Layout.EXACT,
                        AnswerValidity.unchangedBefore(slices.get(), start, end, now, notice));
            }
            Optional<List<Slot>> safe = CalcomLayout.answerWithoutEdgeGaps(slices.get(), start, end, query.zone(),
                    now, notice);
            if (safe.isPresent()) {
                return new LaidOut(safe.get(), LayoutCounts.Layout.WITHOUT_EDGE_GAPS,
                        AnswerValidity.unchangedBefore(slices.get(), start, end, now, notice));
            }
        } catch (IllegalArgumentException e) {
            // days of fills that disagree on the event type's shape (it changed between them): as before
            return undescribed(query, lookup, now, earliest, notice);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("layout declined eventType={} range={}..{} zone={} doubt={}; without edge gaps: {}",
                    query.eventTypeId(), start, end, query.zone(),
                    CalcomLayout.doubt(slices.get(), start, end, query.zone(), now, notice),
                    CalcomLayout.doubtWithoutEdgeGaps(slices.get(), start, end, query.zone(), now, notice));
        }
        if (!refetchUnderWay(lookup)) {
            CalcomOutcome<List<Slot>> asked = client.slotsAsAsked(query.eventTypeId(), query.range(),
                    query.durationMinutes(), query.zone(), Priority.EXACT);
            // neither is kept for the next reader: whether Cal.com is asked depends on the calls to spare at the time
            if (asked instanceof CalcomOutcome.Success<List<Slot>> ok) {
                return new LaidOut(ok.value(), LayoutCounts.Layout.ASKED, null);
            }
        }
        return new LaidOut(CalcomLayout.conservative(slices.get(), start, end, query.zone(), now, notice),
                LayoutCounts.Layout.CONSERVATIVE, null);
    }

    /** Days whose calls are not described, filtered as they came. */
    private static LaidOut undescribed(SlotsQuery query, Lookup lookup, Instant now, Instant earliest, int notice) {
        return new LaidOut(visible(lookup, query.range(), earliest), LayoutCounts.Layout.UNDESCRIBED,
                AnswerValidity.unchangedBefore(lookup.buckets().stream().map(DayBucket::offered).toList(),
                        query.range().start(), query.range().end(), now, notice));
    }

    /**
     * A day of the answer carries a conservative patch (a round robin's host booked: another host may still be free),
     * so its refetch is already first in line and will settle the doubt for every reader: asking Cal.com for this
     * reader's window too would spend a second call on the same change. Under a booking rush of round-robin event
     * types that doubled the calls.
     */
    private static boolean refetchUnderWay(Lookup lookup) {
        return lookup.buckets().stream().anyMatch(b -> !b.unknownStarts().isEmpty());
    }

    /** The looked-up days as layout slices, when every one of them is described. */
    private static Optional<List<DaySlice>> slices(Lookup lookup) {
        List<DaySlice> slices = new ArrayList<>(lookup.buckets().size());
        for (DayBucket bucket : lookup.buckets()) {
            Optional<DaySlice> slice = bucket.slice();
            if (slice.isEmpty()) {
                return Optional.empty();
            }
            slices.add(slice.get());
        }
        return slices.isEmpty() ? Optional.empty() : Optional.of(slices);
    }

    /**
     * A cached slot is served as Cal.com would offer it (docs/calcom-slots.md): not before the earliest start, not
     * before the range's start floored to the minute (Cal.com zeroes the seconds of a run's first start), and ending,
     * less one second, by the range's whole-second end (Cal.com clips free time to the window).
     */
    private static List<Slot> visible(Lookup lookup, TimeRange range, Instant earliest) {
        Instant start = range.start().truncatedTo(ChronoUnit.MINUTES);
        Instant end = range.end().truncatedTo(ChronoUnit.SECONDS);
        List<Slot> slots = new ArrayList<>();
        for (DayBucket bucket : lookup.buckets()) {
            for (Slot slot : bucket.offered()) {
                if (!slot.start().isBefore(start) && !slot.start().isBefore(earliest)
                        && !slot.end().minusSeconds(1).isAfter(end)) {
                    slots.add(slot);
                }
            }
        }
        return slots;
    }
}
