package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bucket as one short string: {@code 3|fetchedAt|generation|frequency|length|knownFrom|knownUntil|edges|patches|
 * inexactSince|runStart,...|start+length,...}, instants as epoch milliseconds (inexactSince 0 for none), edges as two
 * digits (the call had a slot one step before this day's first, and one after its last), starts as milliseconds since
 * the bucket's UTC midnight and lengths in milliseconds. A day of 30-minute slots is a few hundred bytes, about a fifth
 * of the JSON Cal.com sends for it. The key is not repeated: it is the Redis key. Older versions still read: 2
 * (without the run starts, read off the slots while unpatched) and 1 (without the call's shape, a bucket that is
 * served as it is and never re-laid).
 */
final class BucketCodec {
    private static final String VERSION = "3";

    private BucketCodec() {
    }

    static String encode(DayBucket bucket) {
        long midnight = midnightMillis(bucket.key());
        FillShape shape = bucket.shape();
        StringBuilder out = new StringBuilder(64 + bucket.slots().size() * 18);
        out.append(VERSION).append('|').append(bucket.fetchedAt().toEpochMilli()).append('|')
                .append(bucket.generation()).append('|').append(shape.frequencyMinutes()).append('|')
                .append(shape.lengthMinutes()).append('|').append(shape.knownFrom().toEpochMilli()).append('|')
                .append(shape.knownUntil().toEpochMilli()).append('|')
                .append(bucket.continuesFromPreviousDay() ? '1' : '0').append(bucket.continuesIntoNextDay() ? '1' : '0')
                .append('|').append(bucket.patches().applied()).append('|')
                .append(bucket.patches().inexactSince().map(Instant::toEpochMilli).orElse(0L)).append('|');
        for (int i = 0; i < bucket.runStarts().size(); i++) {
            out.append(i == 0 ? "" : ",").append(bucket.runStarts().get(i).toEpochMilli() - midnight);
        }
        out.append('|');
        appendSlots(out, bucket.slots(), midnight);
        return out.toString();
    }

    private static void appendSlots(StringBuilder out, List<Slot> slots, long midnight) {
        boolean first = true;
        for (Slot slot : slots) {
            if (!first) {
                out.append(',');
            }
            first = false;
            long start = slot.start().toEpochMilli();
            out.append(start - midnight).append('+').append(slot.end().toEpochMilli() - start);
        }
    }

    /** @throws IllegalArgumentException for a value this version does not understand */
    static DayBucket decode(CacheKey.Bucket key, String value) {
        String[] parts = value.split("\\|", -1);
        try {
            long midnight = midnightMillis(key);
            if (parts.length == 4 && "1".equals(parts[0])) {
                return new DayBucket(key, slots(parts[3], midnight), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                        Long.parseLong(parts[2]));
            }
            boolean v2 = parts.length == 11 && "2".equals(parts[0]);
            if (!v2 && (parts.length != 12 || !VERSION.equals(parts[0]))) {
                throw new IllegalArgumentException("not a slotgate bucket value for " + key.render());
            }
            FillShape shape = new FillShape(Integer.parseInt(parts[3]), Integer.parseInt(parts[4]),
                    Instant.ofEpochMilli(Long.parseLong(parts[5])), Instant.ofEpochMilli(Long.parseLong(parts[6])));
            long inexact = Long.parseLong(parts[9]);
            DayBucket.Patches patches = new DayBucket.Patches(Integer.parseInt(parts[8]),
                    inexact == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(inexact)));
            List<Slot> slots = slots(parts[v2 ? 10 : 11], midnight);
            Instant fetchedAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            long generation = Long.parseLong(parts[2]);
            boolean from = parts[7].charAt(0) == '1';
            boolean into = parts[7].charAt(1) == '1';
            if (v2) {
                return new DayBucket(key, slots, fetchedAt, generation, shape, from, into, patches);
            }
            return new DayBucket(key, slots, fetchedAt, generation, shape, from, into, patches,
                    instants(parts[10], midnight));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed bucket value for " + key.render(), e);
        }
    }

    private static List<Instant> instants(String items, long midnight) {
        List<Instant> instants = new ArrayList<>();
        if (!items.isEmpty()) {
            for (String item : items.split(",")) {
                instants.add(Instant.ofEpochMilli(midnight + Long.parseLong(item)));
            }
        }
        return instants;
    }

    private static List<Slot> slots(String items, long midnight) {
        List<Slot> slots = new ArrayList<>();
        if (!items.isEmpty()) {
            for (String item : items.split(",")) {
                int plus = item.indexOf('+', 1);
                long start = midnight + Long.parseLong(item.substring(0, plus));
                long length = Long.parseLong(item.substring(plus + 1));
                slots.add(new Slot(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + length)));
            }
        }
        return slots;
    }

    private static long midnightMillis(CacheKey.Bucket key) {
        return key.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
