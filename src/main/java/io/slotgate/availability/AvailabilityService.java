package io.slotgate.availability;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.FillFailedException;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.policy.InvalidationScope;
import io.slotgate.policy.KeyMode;
import io.slotgate.policy.PolicyProfile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One tenant's availability: turns a query into day buckets, has the cache compose them, then filters at serve time
 * (Cal.com hides slots in the past and inside the minimum booking notice, and that boundary moves with the clock)
 * and clips to the query's range. Under a seed profile it caches by exact query instead, as the seed did.
 * The work is done behind this front: {@link Admission}, {@link BucketReader}, {@link DayLayout},
 * {@link ServedAnnouncer}, {@link BucketAnswers}, {@link PreparedRendering}, {@link ExactQueryAnswers},
 * {@link ProfileChanges} and {@link WarmingRound}.
 */
public final class AvailabilityService {
    private final TenantId tenant;
    private final CalcomClient client;
    private final DayBucketCache cache;
    private final EventTypeDirectory eventTypes;
    private final Supplier<PolicyProfile> policy;
    private final Admission admission;
    private final ServedAnnouncer announcer;
    private final BucketAnswers buckets;
    private final PreparedRendering rendering;
    private final ExactQueryAnswers exactQueries;
    private final ProfileChanges changes;
    private final WarmingRound warming;

    public AvailabilityService(TenantId tenant, CalcomClient client, DayBucketCache cache,
                               EventTypeDirectory eventTypes, Clock clock, Supplier<PolicyProfile> policy,
                               EventTypeCatalog catalog, KeptWarm keptWarm) {
        this.tenant = tenant;
        this.client = client;
        this.cache = cache;
        this.eventTypes = eventTypes;
        this.policy = policy;
        QueryStats queryStats = new QueryStats();
        this.exactQueries = new ExactQueryAnswers(client, clock);
        BucketReader reader = new BucketReader(tenant, cache, eventTypes, clock);
        DayLayout layout = new DayLayout(client);
        this.announcer = new ServedAnnouncer(tenant);
        this.buckets = new BucketAnswers(reader, layout, announcer);
        this.rendering = new PreparedRendering(clock, reader, layout, announcer);
        this.admission = new Admission(catalog, queryStats);
        this.changes = new ProfileChanges(cache, policy, exactQueries);
        this.warming = new WarmingRound(tenant, cache, eventTypes, clock, policy, queryStats, keptWarm);
    }

    public EventTypeCatalog catalog() {
        return admission.catalog();
    }

    /**
     * Whether a query for the id may go on: an id the catalog does not know is refused as Cal.com would refuse it.
     *
     * @throws FillFailedException with Cal.com's 404, or a refusal when the id cannot be looked up now
     */
    public void admit(long eventTypeId) {
        admission.admit(eventTypeId);
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
        return admission.answer(query, () -> {
            PolicyProfile profile = policy.get();
            return profile.keys() == KeyMode.EXACT_QUERY ? exactQueries.answer(query, profile) : buckets.answer(query);
        });
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
        return admission.answer(query, () -> {
            PolicyProfile profile = policy.get();
            return profile.keys() == KeyMode.EXACT_QUERY
                    ? rendering.ofExactQuery(exactQueries.answer(query, profile), form)
                    : rendering.ofBuckets(query, form);
        });
    }

    /**
     * Whether {@link #rendered} would most likely serve a kept rendering of this query now: one is kept and its
     * validity covers now. Nothing is looked up or counted; the lookup in {@link #rendered} alone decides. The hit
     * path in front of the HTTP framework asks this to take only requests that are ready bytes.
     */
    public boolean keptNow(SlotsQuery query, AnswerForm form) {
        return policy.get().keys() != KeyMode.EXACT_QUERY && rendering.keptNow(query, form);
    }

    /** A rendered answer and, as in {@link Availability}, how fresh it is, whether it was patched and how laid out. */
    public record Rendered(RenderedAnswer body, CacheOutcome outcome, Duration age, boolean patched,
                           LayoutCounts.Layout layout) {
    }

    /** How many answers were served from a kept rendering, how many rendered anew, and what the kept ones weigh. */
    public record RenderingStats(long reused, long rendered, long kept, long keptBytes) {
    }

    public RenderingStats renderingStats() {
        return rendering.stats();
    }

    /** Adds a listener told of every answer composed from day buckets (the staleness verifier samples them). */
    public void addListener(ServedAnswer.Listener listener) {
        announcer.addListener(listener);
    }

    /** How the answers composed from day buckets were laid out. */
    public LayoutCounts layouts() {
        return announcer.layouts();
    }

    /**
     * What a change of this event type's day means for the cache, per the active profile: the busy time patched into
     * its buckets (slotgate), or the buckets dropped (slotgate without the patch), every cached query of the event type
     * forgotten (the seed's hybrid), or nothing (TTL only). Host fan-out (which event types share the booking's
     * hosts) is the caller's: it asks {@link #invalidatesHosts()}.
     */
    public void changed(CacheKey.Generation day, DayChange change) {
        changes.changed(day, change);
    }

    /** A day that may have gained slots: refetched (its copies kept), or dropped without the patch, as before it. */
    public void mayHaveFreed(CacheKey.Generation day, Instant learnedAt) {
        changes.mayHaveFreed(day, learnedAt);
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
        return warming.warm();
    }

    /** Whether the last warming round kept this event type warm. */
    public boolean isKeptWarm(long eventTypeId) {
        return warming.isKeptWarm(eventTypeId);
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
