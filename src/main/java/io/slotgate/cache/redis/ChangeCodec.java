package io.slotgate.cache.redis;

import io.slotgate.cache.DayChange;
import io.slotgate.cache.DayLog;

import java.time.Instant;
import java.util.Optional;

/**
 * A change as one short string, in the change log and on the invalidation channel: {@code generation|B|learnedAt|
 * start|end|BOOKED|1} for a busy time (instants as epoch milliseconds, 1 when certain), {@code generation|D|learnedAt|
 * cause} for a drop. What does not read back (an older instance's message) is taken as the counter alone.
 */
final class ChangeCodec {
    private ChangeCodec() {
    }

    static String encode(long generation, DayChange change) {
        return switch (change) {
            case DayChange.Busy busy -> generation + "|B|" + busy.learnedAt().toEpochMilli() + '|'
                    + busy.start().toEpochMilli() + '|' + busy.end().toEpochMilli() + '|' + busy.kind().name() + '|'
                    + (busy.certain() ? 1 : 0);
            case DayChange.Dropped dropped -> generation + "|D|" + dropped.learnedAt().toEpochMilli() + '|'
                    + dropped.cause().replace('|', '/').replace(' ', '_');
        };
    }

    /** The change without its generation: what the change script appends the new generation to. */
    static String encodeBody(DayChange change) {
        String full = encode(0, change);
        return full.substring(full.indexOf('|') + 1);
    }

    static Optional<DayLog.Entry> decode(String text) {
        try {
            String[] p = text.split("\\|", -1);
            long generation = Long.parseLong(p[0]);
            Instant learnedAt = Instant.ofEpochMilli(Long.parseLong(p[2]));
            return switch (p[1]) {
                case "B" -> Optional.of(new DayLog.Entry(generation, new DayChange.Busy(learnedAt,
                        Instant.ofEpochMilli(Long.parseLong(p[3])), Instant.ofEpochMilli(Long.parseLong(p[4])),
                        DayChange.Kind.valueOf(p[5]), "1".equals(p[6]))));
                case "D" -> Optional.of(new DayLog.Entry(generation, new DayChange.Dropped(learnedAt, p[3])));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
