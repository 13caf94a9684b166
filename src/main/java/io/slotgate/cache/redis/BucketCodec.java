package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bucket as one short string: {@code 4|fetchedAt|generation|shape|edges|patches|inexactSince|holds|unknownStarts|
 * booked|start+length,...}. Instants are epoch milliseconds (inexactSince 0 for none); the shape is {@code -} for a call not
 * described, else {@code frequency;length;M|U;zone;stretchBefore;stretchAfter;start;earliestFrom;knownFrom;
 * knownUntil}; edges are two digits (the call had a slot one step before this day's first, and one after its last);
 * holds, unknown starts and bookings patched in are {@code start+end} pairs and slots {@code start+length}, as milliseconds since the
 * bucket's UTC midnight. A day of 30-minute slots is a few hundred bytes, about a fifth of the JSON Cal.com sends for
 * it. The key is not repeated: it is the Redis key. Older versions still read, as buckets served as they are and never
 * laid out again: 3 and 2 (an older shape), 1 (none).
 */
final class BucketCodec {
    private static final String VERSION = "4";
    private static final String UNDESCRIBED = "-";

    private BucketCodec() {
    }

    static String encode(DayBucket bucket) {
        long midnight = midnightMillis(bucket.key());
        StringBuilder out = new StringBuilder(96 + bucket.slots().size() * 18);
        out.append(VERSION).append('|').append(bucket.fetchedAt().toEpochMilli()).append('|')
                .append(bucket.generation()).append('|');
        bucket.shape().ifPresentOrElse(shape -> appendShape(out, shape), () -> out.append(UNDESCRIBED));
        out.append('|').append(bucket.continuesFromPreviousDay() ? '1' : '0')
                .append(bucket.continuesIntoNextDay() ? '1' : '0')
                .append('|').append(bucket.patches().applied()).append('|')
                .append(bucket.patches().inexactSince().map(Instant::toEpochMilli).orElse(0L)).append('|');
        appendRanges(out, bucket.holds(), midnight);
        out.append('|');
        appendRanges(out, bucket.unknownStarts(), midnight);
        out.append('|');
        appendRanges(out, bucket.booked(), midnight);
        out.append('|');
        appendSlots(out, bucket.slots(), midnight);
        return out.toString();
    }

    private static void appendShape(StringBuilder out, FillShape s) {
        out.append(s.frequencyMinutes()).append(';').append(s.lengthMinutes()).append(';')
                .append(s.aggregation() == FillShape.Aggregation.MERGED ? 'M' : 'U').append(';')
                .append(s.zone().getId()).append(';').append(s.stretchBeforeMinutes()).append(';')
                .append(s.stretchAfterMinutes()).append(';').append(s.start().toEpochMilli()).append(';')
                .append(s.earliestFrom().toEpochMilli()).append(';').append(s.knownFrom().toEpochMilli()).append(';')
                .append(s.knownUntil().toEpochMilli());
    }

    private static void appendRanges(StringBuilder out, List<TimeRange> ranges, long midnight) {
        for (int i = 0; i < ranges.size(); i++) {
            TimeRange r = ranges.get(i);
            out.append(i == 0 ? "" : ",").append(r.start().toEpochMilli() - midnight).append('+')
                    .append(r.end().toEpochMilli() - midnight);
        }
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
            Instant fetchedAt = parts.length > 1 ? Instant.ofEpochMilli(Long.parseLong(parts[1])) : null;
            if (parts.length == 4 && "1".equals(parts[0])) {
                return new DayBucket(key, slots(parts[3], midnight), fetchedAt, Long.parseLong(parts[2]));
            }
            boolean older = parts.length == 11 && "2".equals(parts[0]) || parts.length == 12 && "3".equals(parts[0]);
            if (older) {
                return new DayBucket(key, slots(parts[parts.length - 1], midnight), fetchedAt,
                        Long.parseLong(parts[2]), Optional.empty(), false, false, List.of(), List.of(), List.of(),
                        patches(parts[8], parts[9]));
            }
            if (parts.length != 11 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("not a slotgate bucket value for " + key.render());
            }
            return new DayBucket(key, slots(parts[10], midnight), fetchedAt, Long.parseLong(parts[2]),
                    shape(parts[3]), parts[4].charAt(0) == '1', parts[4].charAt(1) == '1',
                    ranges(parts[7], midnight), ranges(parts[8], midnight), ranges(parts[9], midnight),
                    patches(parts[5], parts[6]));
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null
                    && e.getMessage().startsWith("not a slotgate bucket value")) {
                throw e;
            }
            throw new IllegalArgumentException("malformed bucket value for " + key.render(), e);
        }
    }

    private static DayBucket.Patches patches(String applied, String inexactSince) {
        long inexact = Long.parseLong(inexactSince);
        return new DayBucket.Patches(Integer.parseInt(applied),
                inexact == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(inexact)));
    }

    private static Optional<FillShape> shape(String text) {
        if (UNDESCRIBED.equals(text)) {
            return Optional.empty();
        }
        String[] f = text.split(";", -1);
        if (f.length != 10) {
            throw new IllegalArgumentException("a call's shape has 10 fields, got " + f.length);
        }
        FillShape.Aggregation aggregation = switch (f[2]) {
            case "M" -> FillShape.Aggregation.MERGED;
            case "U" -> FillShape.Aggregation.UNITED;
            default -> throw new IllegalArgumentException("no aggregation " + f[2]);
        };
        return Optional.of(new FillShape(Integer.parseInt(f[0]), Integer.parseInt(f[1]), aggregation,
                ZoneId.of(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), instant(f[6]), instant(f[7]),
                instant(f[8]), instant(f[9])));
    }

    private static Instant instant(String millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static List<TimeRange> ranges(String items, long midnight) {
        List<TimeRange> ranges = new ArrayList<>();
        if (!items.isEmpty()) {
            for (String item : items.split(",")) {
                int plus = item.indexOf('+', 1);
                ranges.add(new TimeRange(Instant.ofEpochMilli(midnight + Long.parseLong(item.substring(0, plus))),
                        Instant.ofEpochMilli(midnight + Long.parseLong(item.substring(plus + 1)))));
            }
        }
        return ranges;
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
