package io.slotgate.cache;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The one key scheme of slotgate (DESIGN.md §4). Keys are built only by these types and rendered only by
 * {@link #render()}, never by concatenation at call sites, so L1, L2, admin listings and logs all agree.
 *
 * <pre>
 * sg:{tenant}:slots:{eventTypeId}:{durationMinutes}:{yyyy-mm-dd}   a day bucket
 * sg:{tenant}:gen:{eventTypeId}:{yyyy-mm-dd}                        a generation counter
 * sg:{tenant}:changes:{eventTypeId}:{yyyy-mm-dd}                    the changes that moved it (the last few)
 * sg:{tenant}:hosts:{eventTypeId}                                   an event type's hosts
 * </pre>
 */
public sealed interface CacheKey permits CacheKey.Bucket, CacheKey.Generation, CacheKey.Changes, CacheKey.HostMap {
    String PREFIX = "sg";

    TenantId tenant();

    long eventTypeId();

    String render();

    /** Reads a rendered key back; the inverse of {@link #render()}. */
    static CacheKey parse(String rendered) {
        String[] p = rendered.split(":", -1);
        try {
            if (p.length < 4 || !PREFIX.equals(p[0])) {
                throw new IllegalArgumentException("not a slotgate key: " + rendered);
            }
            TenantId tenant = new TenantId(p[1]);
            return switch (p[2]) {
                case "slots" -> {
                    expectParts(p, 6, rendered);
                    int plus = p[4].indexOf('+');
                    int duration = Integer.parseInt(plus < 0 ? p[4] : p[4].substring(0, plus));
                    int alignment = plus < 0 ? 0 : Integer.parseInt(p[4].substring(plus + 1));
                    yield new Bucket(tenant, Long.parseLong(p[3]), duration, LocalDate.parse(p[5]), alignment);
                }
                case "gen" -> {
                    expectParts(p, 5, rendered);
                    yield new Generation(tenant, Long.parseLong(p[3]), LocalDate.parse(p[4]));
                }
                case "changes" -> {
                    expectParts(p, 5, rendered);
                    yield new Changes(tenant, Long.parseLong(p[3]), LocalDate.parse(p[4]));
                }
                case "hosts" -> {
                    expectParts(p, 4, rendered);
                    yield new HostMap(tenant, Long.parseLong(p[3]));
                }
                default -> throw new IllegalArgumentException("unknown key kind '" + p[2] + "' in " + rendered);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("malformed slotgate key: " + rendered, e);
        }
    }

    private static void expectParts(String[] parts, int count, String rendered) {
        if (parts.length != count) {
            throw new IllegalArgumentException("malformed slotgate key: " + rendered);
        }
    }

    private static void requireId(long eventTypeId) {
        if (eventTypeId <= 0) {
            throw new IllegalArgumentException("event type id must be positive: " + eventTypeId);
        }
    }

    /**
     * The slots of one event type and duration on one UTC day, laid out in one alignment class. Duration 0 stands for
     * "the event type's default length" when Cal.com would not tell us what that length is. Cal.com lines slot starts
     * up with the hour in the zone a query asks in (docs/calcom-slots.md); {@code alignment} is that zone's minutes
     * past the hour (0, 30 or 45) where it moves the slots, 0 where it does not, so that nearly every zone shares the
     * UTC buckets. It is rendered only when not 0: {@code …:slots:{eventTypeId}:{duration}+{alignment}:{day}}.
     */
    record Bucket(TenantId tenant, long eventTypeId, int durationMinutes, LocalDate day, int alignment)
            implements CacheKey {
        public Bucket {
            requireId(eventTypeId);
            if (durationMinutes < 0) {
                throw new IllegalArgumentException("duration must not be negative: " + durationMinutes);
            }
            if (day.getYear() < 0 || day.getYear() > 9999) {
                throw new IllegalArgumentException("day out of range: " + day);
            }
            FillTarget.requireAlignment(alignment);
        }

        /** A bucket of the UTC alignment class. */
        public Bucket(TenantId tenant, long eventTypeId, int durationMinutes, LocalDate day) {
            this(tenant, eventTypeId, durationMinutes, day, 0);
        }

        @Override
        public String render() {
            return PREFIX + ':' + tenant.value() + ":slots:" + eventTypeId + ':' + durationMinutes
                    + (alignment == 0 ? "" : "+" + alignment) + ':' + day;
        }

        public Bucket withDay(LocalDate otherDay) {
            return new Bucket(tenant, eventTypeId, durationMinutes, otherDay, alignment);
        }

        public Generation generation() {
            return new Generation(tenant, eventTypeId, day);
        }

        /** What one call fills this bucket with: its event type, duration and alignment class, any day. */
        public FillTarget target() {
            return new FillTarget(tenant, eventTypeId, durationMinutes, alignment);
        }
    }

    /** Incremented by every invalidation of one event type's UTC day. */
    record Generation(TenantId tenant, long eventTypeId, LocalDate day) implements CacheKey {
        public Generation {
            requireId(eventTypeId);
            if (day.getYear() < 0 || day.getYear() > 9999) {
                throw new IllegalArgumentException("day out of range: " + day);
            }
        }

        @Override
        public String render() {
            return PREFIX + ':' + tenant.value() + ":gen:" + eventTypeId + ':' + day;
        }

        /** The log of the changes that moved this counter. */
        public Changes changes() {
            return new Changes(tenant, eventTypeId, day);
        }
    }

    /** The last changes of one event type's UTC day, by generation: what a bucket older than the counter is patched with. */
    record Changes(TenantId tenant, long eventTypeId, LocalDate day) implements CacheKey {
        public Changes {
            requireId(eventTypeId);
            if (day.getYear() < 0 || day.getYear() > 9999) {
                throw new IllegalArgumentException("day out of range: " + day);
            }
        }

        @Override
        public String render() {
            return PREFIX + ':' + tenant.value() + ":changes:" + eventTypeId + ':' + day;
        }

        public Generation generation() {
            return new Generation(tenant, eventTypeId, day);
        }
    }

    /** The hosts of one event type, for host-aware invalidation. */
    record HostMap(TenantId tenant, long eventTypeId) implements CacheKey {
        public HostMap {
            requireId(eventTypeId);
        }

        @Override
        public String render() {
            return PREFIX + ':' + tenant.value() + ":hosts:" + eventTypeId;
        }
    }
}
