package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.DayLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The messages on the invalidation channel: {@code sg:{tenant}:gen:{eventTypeId}:{day} {generation}|{change}} when a
 * day changed (an older instance sends the generation alone), {@code F sg:{tenant}:slots:... {fetchedAtMillis}} when
 * a fill was written: a copy in L1 older than it is dropped, so the next read takes the newer one from L2.
 */
final class ChannelListener {
    /** Logged under the tier's name, which log settings and readers of the logs already know. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);

    private final RedisKeys keys;
    private final GenerationView view;
    private final LocalCopies copies;
    private final RedisCounters counters;
    private final Clock clock;
    private final List<BiConsumer<CacheKey.Bucket, Instant>> fillListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<CacheKey.Generation, Optional<DayChange>>> changeListeners =
            new CopyOnWriteArrayList<>();

    ChannelListener(RedisKeys keys, GenerationView view, LocalCopies copies, RedisCounters counters, Clock clock) {
        this.keys = keys;
        this.view = view;
        this.copies = copies;
        this.counters = counters;
        this.clock = clock;
    }

    /** Told of every fill written to the shared tier, by any instance: its bucket and when it was fetched. */
    void addFillListener(BiConsumer<CacheKey.Bucket, Instant> listener) {
        fillListeners.add(listener);
    }

    /** Told of every change another instance broadcast (with the change, when its message carried one). */
    void addChangeListener(BiConsumer<CacheKey.Generation, Optional<DayChange>> listener) {
        changeListeners.add(listener);
    }

    void onMessage(String message) {
        if (message.startsWith("F ")) {
            onFilled(message.substring(2));
            return;
        }
        int space = message.lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        keys.generationOf(message.substring(0, space)).ifPresent(key -> {
            String tail = message.substring(space + 1);
            Optional<DayLog.Entry> entry = ChangeCodec.decode(tail);
            try {
                if (entry.isPresent()) {
                    view.log(key).learn(entry.get());
                } else {
                    view.observe(key, Long.parseLong(tail));
                }
                counters.invalidationsReceived.increment();
                copies.toHeld(key, entry.<DayChange>map(DayLog.Entry::change)
                        .orElseGet(() -> new DayChange.Dropped(clock.instant(), "changed elsewhere")));
                changeListeners.forEach(listener -> listener.accept(key, entry.map(DayLog.Entry::change)));
            } catch (RuntimeException e) {
                LOG.debug("ignoring malformed invalidation message {}: {}", message, e.toString());
            }
        });
    }

    private void onFilled(String body) {
        int space = body.lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        try {
            if (!(CacheKey.parse(body.substring(0, space)) instanceof CacheKey.Bucket key)) {
                return;
            }
            Instant fetchedAt = Instant.ofEpochMilli(Long.parseLong(body.substring(space + 1)));
            copies.dropOlder(key, fetchedAt);
            counters.fillsReceived.increment();
            fillListeners.forEach(listener -> listener.accept(key, fetchedAt));
        } catch (RuntimeException e) {
            LOG.debug("ignoring malformed fill message {}: {}", body, e.toString());
        }
    }
}
