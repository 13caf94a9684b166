package io.slotgate.cache;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What one Cal.com slots call is for: one tenant's event type at one duration, laid out in one alignment class. The
 * days are the call's span; every bucket of the target is filled by such calls, and at most one call per target is in
 * flight in a process.
 *
 * <p>{@code alignment} is the minutes past the hour (0, 30 or 45) of the zones whose queries the target answers, where
 * Cal.com lines their slot starts up differently from UTC's; the call asks in a zone of that class
 * ({@link #fillZone()}), so its slots are laid out as theirs.
 */
public record FillTarget(TenantId tenant, long eventTypeId, int durationMinutes, int alignment) {
    /** Zones whose offset is these minutes past the hour all year, asked in for a class's calls. */
    private static final ZoneId HALF_PAST = ZoneId.of("Asia/Kolkata");
    private static final ZoneId QUARTER_TO = ZoneId.of("Asia/Kathmandu");

    public FillTarget {
        requireAlignment(alignment);
    }

    /** A target of the UTC alignment class. */
    public FillTarget(TenantId tenant, long eventTypeId, int durationMinutes) {
        this(tenant, eventTypeId, durationMinutes, 0);
    }

    public CacheKey.Bucket bucket(LocalDate day) {
        return new CacheKey.Bucket(tenant, eventTypeId, durationMinutes, day, alignment);
    }

    /** The zone this target's calls ask Cal.com in. */
    public ZoneId fillZone() {
        return switch (alignment) {
            case 30 -> HALF_PAST;
            case 45 -> QUARTER_TO;
            default -> ZoneOffset.UTC;
        };
    }

    /**
     * The alignment class of a query asked in {@code zone} at {@code at}, for slots stepping by {@code frequency}
     * minutes: the zone's minutes past the hour where Cal.com's rounding of a run's start to the frequency's interval
     * (the largest of 60, 30, 20, 15, 10 and 5 dividing it) lands elsewhere than in UTC, else 0. Zones a quarter past
     * the hour exist nowhere today: they share UTC's class, and an answer the class cannot give is asked of Cal.com.
     */
    public static int alignmentOf(ZoneId zone, Instant at, int frequency) {
        int offsetMinutes = zone.getRules().getOffset(at).getTotalSeconds() / 60;
        int past = Math.floorMod(offsetMinutes, 60);
        int interval = interval(frequency);
        if (past % interval == 0 || past != 30 && past != 45) {
            return 0;
        }
        return past;
    }

    /** Cal.com's alignment interval for a frequency: the largest of 60, 30, 20, 15, 10 and 5 that divides it, else 1. */
    static int interval(int frequency) {
        for (int candidate : new int[] {60, 30, 20, 15, 10, 5}) {
            if (frequency > 0 && frequency % candidate == 0) {
                return candidate;
            }
        }
        return 1;
    }

    static void requireAlignment(int alignment) {
        if (alignment != 0 && alignment != 30 && alignment != 45) {
            throw new IllegalArgumentException("an alignment class is 0, 30 or 45 minutes past the hour, not "
                    + alignment);
        }
    }
}
