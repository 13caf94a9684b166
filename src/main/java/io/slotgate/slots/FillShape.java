package io.slotgate.slots;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a bucket keeps of the Cal.com call that made it, so that a later answer can lay its slots as Cal.com would:
 * the frequency the slots step by, their length, and the span the call's answer is complete for. {@code knownFrom} is
 * the later of the call's start and the moment its answer arrived plus the notice (at least a minute, as Cal.com
 * counts it): an upper estimate of Cal.com's own clock, which only makes later answers more careful.
 * {@code knownUntil} is the call's end.
 */
public record FillShape(int frequencyMinutes, int lengthMinutes, Instant knownFrom, Instant knownUntil) {
    public FillShape {
        Objects.requireNonNull(knownFrom, "knownFrom");
        Objects.requireNonNull(knownUntil, "knownUntil");
        if (frequencyMinutes < 0 || lengthMinutes < 0) {
            throw new IllegalArgumentException("frequency and length must not be negative");
        }
        if (knownUntil.isBefore(knownFrom)) {
            throw new IllegalArgumentException("a fill is known from " + knownFrom + " until " + knownUntil + "?");
        }
    }

    /** For a bucket whose call is not described (older encodings): nothing can be re-laid from it. */
    public static FillShape unknown(Instant at) {
        return new FillShape(0, 0, at, at);
    }

    public boolean isKnown() {
        return frequencyMinutes > 0 && lengthMinutes > 0;
    }

    /**
     * Cal.com's alignment interval for a frequency (packages/features/schedules/lib/slots.ts): the largest of 60,
     * 30, 20, 15, 10 and 5 that divides it, else 1.
     */
    public static int alignment(int frequencyMinutes) {
        for (int interval : new int[] {60, 30, 20, 15, 10, 5}) {
            if (frequencyMinutes % interval == 0) {
                return interval;
            }
        }
        return 1;
    }

    /**
     * Whether the slots sit on a lattice that never moves: the frequency is its own alignment interval, so Cal.com's
     * rounding of a run's start lands on the same lattice wherever the run starts (a busy time ending off the grid, the
     * notice moving with the clock, another window start).
     */
    public boolean fixedLattice() {
        return isKnown() && alignment(frequencyMinutes) == frequencyMinutes;
    }

    public Duration frequency() {
        return Duration.ofMinutes(frequencyMinutes);
    }
}
