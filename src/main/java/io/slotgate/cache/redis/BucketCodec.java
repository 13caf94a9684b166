package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.slots.Slot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A bucket as one short string: {@code 1|fetchedAtEpochMillis|generation|start+length,start+length,...}, starts as
 * milliseconds since the bucket's UTC midnight and lengths in milliseconds. A day of 30-minute slots is a few hundred
 * bytes, about a fifth of the JSON Cal.com sends for it. The key is not repeated: it is the Redis key.
 */
final class BucketCodec {
    private static final String VERSION = "1";

    private BucketCodec() {
    }

    static String encode(DayBucket bucket) {
        long midnight = midnightMillis(bucket.key());
        StringBuilder out = new StringBuilder(24 + bucket.slots().size() * 18);
        out.append(VERSION).append('|').append(bucket.fetchedAt().toEpochMilli()).append('|')
                .append(bucket.generation()).append('|');
        boolean first = true;
        for (Slot slot : bucket.slots()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            long start = slot.start().toEpochMilli();
            out.append(start - midnight).append('+').append(slot.end().toEpochMilli() - start);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException for a value this version does not understand */
    static DayBucket decode(CacheKey.Bucket key, String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a slotgate bucket value for " + key.render());
        }
        try {
            Instant fetchedAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            long generation = Long.parseLong(parts[2]);
            long midnight = midnightMillis(key);
            List<Slot> slots = new ArrayList<>();
            if (!parts[3].isEmpty()) {
                for (String item : parts[3].split(",")) {
                    int plus = item.indexOf('+', 1);
                    long start = midnight + Long.parseLong(item.substring(0, plus));
                    long length = Long.parseLong(item.substring(plus + 1));
                    slots.add(new Slot(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + length)));
                }
            }
            return new DayBucket(key, slots, fetchedAt, generation);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed bucket value for " + key.render(), e);
        }
    }

    private static long midnightMillis(CacheKey.Bucket key) {
        return key.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
