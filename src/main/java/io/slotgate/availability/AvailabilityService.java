package io.slotgate.availability;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.FillFailedException;
import io.slotgate.cache.FillTarget;
import io.slotgate.cache.Lookup;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.Priority;
import io.slotgate.policy.InvalidationScope;
import io.slotgate.policy.KeyMode;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.slots.AnswerValidity;
import io.slotgate.slots.CalcomLayout;
import io.slotgate.slots.DaySlice;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One tenant's availability: turns a query into day buckets, has the cache compose them, then filters at serve time
 * (Cal.com hides slots in the past and inside the minimum booking notice, and that boundary moves with the clock)
 * and clips to the query's range. Under a seed profile it caches by exact query instead, as the seed did.
 */
public final class AvailabilityService {
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityService.class);
    private final TenantId tenant;
    private final CalcomClient client;
    private final DayBucketCache cache;
    private final EventTypeDirectory eventTypes;
    private final Clock clock;
    private final Supplier<PolicyProfile> policy;
    private final ExactQueryCache exactQueries;
    private final QueryStats queryStats = new QueryStats();
    private final KeptWarm keptWarm;
    private final List<ServedAnswer.Listener> listeners = new CopyOnWriteArrayList<>();
    private final LayoutCounts layouts = new LayoutCounts();
    private final EventTypeCatalog catalog;
    private final PreparedAnswers prepared;

    public AvailabilityService(TenantId tenant, CalcomClient client, DayBucketCache cache,
                               EventTypeDirectory eventTypes, Clock clock, Supplier<PolicyProfile> policy,
                               EventTypeCatalog catalog, KeptWarm keptWarm) {
        this.tenant = tenant;
        this.client = client;
        this.cache = cache;
        this.eventTypes = eventTypes;
        this.clock = clock;
        this.policy = policy;
        this.exactQueries = new ExactQueryCache(clock);
        this.prepared = new PreparedAnswers(clock, PreparedAnswers.DEFAULT_MAX_BYTES);
        this.catalog = catalog;
        this.keptWarm = keptWarm;
    }

    public EventTypeCatalog catalog() {
        return catalog;
    }

    /**
     * Whether a query for the id may go on: an id the catalog does not know is refused as Cal.com would refuse it.
     *
     * @throws FillFailedException with Cal.com's 404, or a refusal when the id cannot be looked up now
     */
    public void admit(long eventTypeId) {
        catalog.admit(eventTypeId);
    }

    /** Cal.com's slots route does not know the id (any more): the catalog forgets it for a while. */
    private void forgetIfGone(long eventTypeId, FillFailedException failure) {
        if (failure.outcome() instanceof CalcomOutcome.Rejected<?> rejected && rejected.response().status() == 404
                && rejected.response().header(EventTypeCatalog.UNKNOWN_HEADER).isEmpty()) {
            catalog.gone(eventTypeId);
        }
    }

    /**
     * Whether the event type is seated: its slots then carry seat counts and booking uids ({@code seatsBooked},
     * {@code attendees}, {@code bookingUid}) that day buckets do not keep, so its queries are Cal.com's to answer.
     *
     * @throws FillFailedException when Cal.com could not describe the event type just now
     */
    public boolean isSeated(long eventTypeId) {
        admit(eventTypeId);
        return eventTypes.get(eventTypeId).seated();
    }

    /** @throws FillFailedException when a day that had to be fetched could not be had from Cal.com */
    public Availability slots(SlotsQuery query) {
        return admitted(query, () -> {
            PolicyProfile profile = policy.get();
            return profile.keys() == KeyMode.EXACT_QUERY ? exactQuery(query, profile) : fromBuckets(query);
        });
    }

    /**
     * Answers a query the catalog admits, counted as asked; an id Cal.com's slots route no longer knows is forgotten
     * by the catalog for a while.
     */
    private <T> T admitted(SlotsQuery query, java.util.function.Supplier<T> answer) {
        admit(query.eventTypeId());
        queryStats.asked(query.eventTypeId());
        try {
            return answer.get();
        } catch (FillFailedException failure) {
            forgetIfGone(query.eventTypeId(), failure);
            throw failure;
        }
    }

    /**
     * The answer to a query rendered in {@code form}, as {@link #slots} would lay it out, for a route that writes
     * bytes: a rendering kept from an earlier request is served again while it is certainly what laying the answer
     * out now would give ({@link PreparedAnswers}); the day buckets are looked up every time all the same, so
     * freshness, refreshes, patches and {@code X-Cache} are exactly as for {@link #slots}.
     *
     * @throws FillFailedException when a day that had to be fetched could not be had from Cal.com
     */
    public Rendered rendered(SlotsQuery query, AnswerForm form) {
        return admitted(query, () -> renderedFromCache(query, form));
    }

    private Rendered renderedFromCache(SlotsQuery query, AnswerForm form) {
        PolicyProfile profile = policy.get();
        if (profile.keys() == KeyMode.EXACT_QUERY) {
            Availability answer = exactQuery(query, profile);
            prepared.renderedOnly();
            return new Rendered(RenderedAnswer.of(form.render(answer.slots())), answer.outcome(), answer.age(),
                    answer.patched(), answer.layout());
        }
        Read read = read(query);
        Lookup lookup = read.lookup();
        Instant now = read.now();
        PreparedAnswers.Key key = new PreparedAnswers.Key(query, form);
        int notice = read.info().minimumBookingNoticeMinutes();
        PreparedAnswers.Entry entry = prepared.servable(key, lookup.buckets(), notice, now);
        if (entry == null) {
            LaidOut laid = laidOut(query, lookup, read.info(), now, read.earliest());
            RenderedAnswer answer = RenderedAnswer.of(form.render(laid.slots()));
            entry = new PreparedAnswers.Entry(answer, laid.layout(), lookup.buckets().toArray(DayBucket[]::new),
                    notice, now.toEpochMilli(), laid.unchangedBefore() == null ? now.toEpochMilli()
                    : laid.unchangedBefore().toEpochMilli());
            prepared.put(key, entry);
        }
        LayoutCounts.Layout layout = entry.layout();
        served(query, read, layout);
        boolean asked = layout == LayoutCounts.Layout.ASKED;
        return new Rendered(entry.answer(), asked ? CacheOutcome.MISS : lookup.outcome(),
                asked ? Duration.ZERO : lookup.age(), !asked && lookup.patched(), layout);
    }

    /** A rendered answer and, as in {@link Availability}, how fresh it is, whether it was patched and how laid out. */
    public record Rendered(RenderedAnswer body, CacheOutcome outcome, Duration age, boolean patched,
                           LayoutCounts.Layout layout) {
    }

    /** How many answers were served from a kept rendering, how many rendered anew, and what the kept ones weigh. */
    public record RenderingStats(long reused, long rendered, long kept, long keptBytes) {
    }

    public RenderingStats renderingStats() {
        return new RenderingStats(prepared.reused(), prepared.rendered(), prepared.size(), prepared.weightedBytes());
    }

    private Availability fromBuckets(SlotsQuery query) {
        Read read = read(query);
        Lookup lookup = read.lookup();
        LaidOut laid = laidOut(query, lookup, read.info(), read.now(), read.earliest());
        served(query, read, laid.layout());
        // Cal.com's own answer, asked for this reader, is a miss of the cache however its days were found
        boolean asked = laid.layout() == LayoutCounts.Layout.ASKED;
        return new Availability(laid.slots(), asked ? CacheOutcome.MISS : lookup.outcome(),
                asked ? Duration.ZERO : lookup.age(), !asked && lookup.patched(), laid.layout());
    }

    /** The query's days as the cache has them now, with the event type's facts and the earliest start Cal.com offers. */
    private record Read(EventTypeInfo info, Lookup lookup, Instant now, Instant earliest) {
    }

    private Read read(SlotsQuery query) {
        EventTypeInfo info = eventTypes.get(query.eventTypeId());
        Lookup lookup = cache.lookup(template(query, info), query.range().firstUtcDay(),
                lastDayWithAStart(query.range()));
        Instant now = clock.instant();
        return new Read(info, lookup, now, earliestStart(now, info.minimumNotice()));
    }

    /** Counts the answer's layout and tells the listeners (the staleness verifier) what was served. */
    private void served(SlotsQuery query, Read read, LayoutCounts.Layout layout) {
        layouts.count(layout);
        if (!listeners.isEmpty()) {
            notifyServed(new ServedAnswer(tenant, query.eventTypeId(), query.range(), read.lookup().buckets(),
                    read.now(), read.earliest()));
        }
    }

    /** Adds a listener told of every answer composed from day buckets (the staleness verifier samples them). */
    public void addListener(ServedAnswer.Listener listener) {
        listeners.add(listener);
    }

    private void notifyServed(ServedAnswer answer) {
        for (ServedAnswer.Listener listener : listeners) {
            try {
                listener.served(answer);
            } catch (RuntimeException e) {
                LOG.warn("served-answer listener failed", e);
            }
        }
    }

    private Availability exactQuery(SlotsQuery query, PolicyProfile profile) {
        var key = new ExactQueryCache.Key(query.eventTypeId(), query.range(), query.durationMinutes());
        Optional<ExactQueryCache.Entry> cached = exactQueries.fresh(key, profile);
        if (cached.isPresent()) {
            return new Availability(cached.get().slots(), CacheOutcome.HIT,
                    Duration.between(cached.get().fetchedAt(), clock.instant()));
        }
        CalcomOutcome<List<Slot>> outcome = client.slots(query.eventTypeId(), query.range(), query.durationMinutes(),
                Priority.USER);
        if (!(outcome instanceof CalcomOutcome.Success<List<Slot>> ok)) {
            throw new FillFailedException(outcome, Priority.USER);
        }
        List<Slot> inRange = ok.value().stream().filter(s -> query.range().contains(s.start())).toList();
        exactQueries.put(key, inRange);
        return new Availability(inRange, CacheOutcome.MISS, Duration.ZERO);
    }

    /**
     * The last UTC day a served slot can start on: a slot must end (less one second) by the range's end and lasts at
     * least a minute, so it starts before the end. A range ending at a midnight (the legacy route's date-only
     * {@code endTime}) then needs no bucket of the day that midnight begins.
     */
    private static LocalDate lastDayWithAStart(TimeRange range) {
        return range.end().isAfter(range.start()) ? TimeRange.utcDayOf(range.end().minusSeconds(1))
                : range.lastUtcDay();
    }

    /**
     * The first bucket a query reads: its event type and duration, and the alignment class of its zone (Cal.com lines
     * slot starts up with the hour in it), known once the event type's slot interval is.
     */
    private CacheKey.Bucket template(SlotsQuery query, EventTypeInfo info) {
        int duration = query.durationMinutes().orElse(info.lengthMinutes());
        int frequency = info.slotIntervalMinutes() > 0 ? info.slotIntervalMinutes() : duration;
        int alignment = info.isKnown() && frequency > 0
                ? FillTarget.alignmentOf(query.zone(), query.range().start(), frequency) : 0;
        return new CacheKey.Bucket(tenant, query.eventTypeId(), duration, query.range().firstUtcDay(), alignment);
    }

    /**
     * Cal.com's earliest start at {@code now} (docs/calcom-slots.md): now + the minimum notice; with no notice, now + one
     * minute floored to the minute (its window starts a minute ahead, and a run's seconds are zeroed).
     */
    static Instant earliestStart(Instant now, Duration notice) {
        return notice.isPositive() ? now.plus(notice)
                : now.plus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
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
    private LaidOut laidOut(SlotsQuery query, Lookup lookup, EventTypeInfo info, Instant now, Instant earliest) {
        Optional<List<DaySlice>> slices = slices(lookup);
        int notice = info.minimumBookingNoticeMinutes();
        if (slices.isEmpty()) {
            return undescribed(query, lookup, now, earliest, notice);
        }
        Instant start = query.range().start();
        // a window ending at a midnight reads no slot of the day it begins (a slot starts before the end): the days
        // looked up stop before it, and so does the window they are asked for
        Instant afterLastDay = slices.get().get(slices.get().size() - 1).day().plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
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
     * @param unchangedBefore the first instant the clock alone may change these slots; null when they are not to be
     *                        served again (Cal.com was asked, or no call was to spare)
     */
    private record LaidOut(List<Slot> slots, LayoutCounts.Layout layout, Instant unchangedBefore) {
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

    /** How the answers composed from day buckets were laid out. */
    public LayoutCounts layouts() {
        return layouts;
    }

    /**
     * A cached slot is served as Cal.com would offer it (docs/calcom-slots.md): not before the earliest start, not
     * before the range's start floored to the minute (Cal.com zeroes the seconds of a run's first start), and ending,
     * less one second, by the range's whole-second end (Cal.com clips free time to the window).
     */
    private static List<Slot> visible(Lookup lookup, TimeRange range, Instant earliest) {
        Instant start = range.start().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant end = range.end().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
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

    /**
     * What a change of this event type's day means for the cache, per the active profile: the busy time patched into
     * its buckets (slotgate), or the buckets dropped (slotgate without the patch), every cached query of the event type
     * forgotten (the seed's hybrid), or nothing (TTL only). Host fan-out (which event types share the booking's
     * hosts) is the caller's: it asks {@link #invalidatesHosts()}.
     */
    public void changed(CacheKey.Generation day, DayChange change) {
        PolicyProfile profile = policy.get();
        if (profile.invalidation() == InvalidationScope.NONE) {
            return;
        }
        if (profile.keys() == KeyMode.EXACT_QUERY) {
            exactQueries.removeEventType(day.eventTypeId());
        } else if (change instanceof DayChange.Busy && !profile.patchOnWebhook()) {
            cache.change(day, new DayChange.Dropped(change.learnedAt(), "busy-unpatched"));
        } else {
            cache.change(day, change);
        }
    }

    /** A day that may have gained slots: refetched (its copies kept), or dropped without the patch, as before it. */
    public void mayHaveFreed(CacheKey.Generation day, Instant learnedAt) {
        PolicyProfile profile = policy.get();
        if (profile.invalidation() == InvalidationScope.NONE) {
            return;
        }
        if (profile.keys() == KeyMode.EXACT_QUERY) {
            exactQueries.removeEventType(day.eventTypeId());
        } else if (profile.patchOnWebhook()) {
            cache.refetch(day, learnedAt);
        } else {
            cache.change(day, new DayChange.Dropped(learnedAt, "freed-unpatched"));
        }
    }

    /** Forgets the seed profile's cached exact queries: of one event type, or all when {@code eventTypeId} is 0. */
    public void clearExactQueries(long eventTypeId) {
        if (eventTypeId == 0) {
            exactQueries.clear();
        } else {
            exactQueries.removeEventType(eventTypeId);
        }
    }

    /** Whether a booking should invalidate every event type of its hosts, or only the booked one. */
    public boolean invalidatesHosts() {
        return policy.get().invalidation() == InvalidationScope.HOST_AWARE;
    }

    /**
     * One warming round: keeps the next {@code days} UTC days of the most-queried event types fresh, at warming
     * priority, one call per event type at most. Returns how many event types needed a refresh.
     */
    public int warm() {
        PolicyProfile profile = policy.get();
        if (profile.keys() != KeyMode.DAY_BUCKETS || profile.warmTopEventTypes() == 0) {
            keptWarm.keep(java.util.Set.of());
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        Duration margin = profile.warmEvery().plusSeconds(5);
        int refreshed = 0;
        List<Long> top = queryStats.top(profile.warmTopEventTypes());
        keptWarm.keep(top);
        for (long eventTypeId : top) {
            try {
                EventTypeInfo info = eventTypes.get(eventTypeId);
                // the default length in the UTC class: what the event type's plain queries read
                CacheKey.Bucket template = new CacheKey.Bucket(tenant, eventTypeId, info.lengthMinutes(), today);
                if (cache.warm(template, today, today.plusDays(profile.warmDays() - 1L), margin, Priority.WARMING)) {
                    refreshed++;
                }
            } catch (FillFailedException e) {
                // the event type could not be described now (the budget is spent, Cal.com failed): the next round
                LOG.debug("warming event type {} skipped: {}", eventTypeId, e.getMessage());
            }
        }
        queryStats.decay();
        return refreshed;
    }

    /** Whether the last warming round kept this event type warm. */
    public boolean isKeptWarm(long eventTypeId) {
        return keptWarm.test(eventTypeId);
    }

    public TenantId tenant() {
        return tenant;
    }

    public CalcomClient client() {
        return client;
    }

    public DayBucketCache cache() {
        return cache;
    }

    public EventTypeDirectory eventTypes() {
        return eventTypes;
    }

    public Supplier<PolicyProfile> policy() {
        return policy;
    }
}
