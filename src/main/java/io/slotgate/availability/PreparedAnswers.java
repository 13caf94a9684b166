package io.slotgate.availability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.slotgate.cache.DayBucket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rendered answers kept for the hit path, so that a query asked again is not laid out and rendered again: keyed by
 * the query and the form it is rendered in, each valid only while (1) the day buckets the lookup finds are the very
 * ones it was laid out from (a fill, a patch or a drop brings other bucket objects: buckets are immutable, and the
 * store keeps the one it has until it changes), (2) the event type's notice is the same, and (3) the clock has not
 * reached the instant the layout could first change ({@link io.slotgate.slots.AnswerValidity}). Bounded by bytes
 * ({@link RenderedAnswer#weight}); an entry also expires at the end of its validity, so it never holds old buckets
 * longer than that.
 */
final class PreparedAnswers {
    /** The default bound: bodies, gzip bodies and per-entry overhead, counted in bytes (docs/architecture.md). */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    record Key(SlotsQuery query, AnswerForm form) {
    }

    /** An answer and what it was laid out from: the buckets by identity, the notice, and its validity. */
    record Entry(RenderedAnswer answer, LayoutCounts.Layout layout, DayBucket[] basis, int noticeMinutes,
                 long fromMillis, long untilMillis) {
        boolean servable(List<DayBucket> buckets, int notice, long now) {
            if (now < fromMillis || now >= untilMillis || notice != noticeMinutes || buckets.size() != basis.length) {
                return false;
            }
            for (int i = 0; i < basis.length; i++) {
                if (buckets.get(i) != basis[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Clock clock;
    private final Cache<Key, Entry> entries;
    private final LongAdder reused = new LongAdder();
    private final LongAdder rendered = new LongAdder();

    PreparedAnswers(Clock clock, long maxBytes) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .maximumWeight(maxBytes)
                .weigher((Key k, Entry e) -> (int) Math.min(Integer.MAX_VALUE, e.answer().weight()))
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long currentTime) {
                        return Math.max(0, entry.untilMillis() - clock.millis()) * 1_000_000L;
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The entry for this query, if it may be served for these buckets and notice now. */
    Entry servable(Key key, List<DayBucket> buckets, int noticeMinutes, Instant now) {
        Entry entry = entries.getIfPresent(key);
        if (entry != null && entry.servable(buckets, noticeMinutes, now.toEpochMilli())) {
            reused.increment();
            return entry;
        }
        return null;
    }

    /**
     * Whether a rendering for this query is kept and its validity covers now, looked at quietly (no count, no access
     * order): a question asked before the lookup, which alone tells whether it is served ({@link #servable}).
     */
    boolean keptNow(Key key) {
        Entry entry = entries.policy().getIfPresentQuietly(key);
        long now = clock.millis();
        return entry != null && now >= entry.fromMillis() && now < entry.untilMillis();
    }

    void put(Key key, Entry entry) {
        rendered.increment();
        if (entry.untilMillis() > entry.fromMillis()) {
            entries.put(key, entry);
        }
    }

    /** A rendering that is not kept (laid out by Cal.com itself, or conservatively): counted as rendered. */
    void renderedOnly() {
        rendered.increment();
    }

    /** Answers served from a kept rendering. */
    long reused() {
        return reused.sum();
    }

    /** Answers laid out and rendered anew. */
    long rendered() {
        return rendered.sum();
    }

    /** What the kept renderings weigh now, in bytes (after pending evictions). */
    long weightedBytes() {
        entries.cleanUp();
        return entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    void clear() {
        entries.invalidateAll();
    }
}
