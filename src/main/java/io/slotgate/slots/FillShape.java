package io.slotgate.slots;

import static io.slotgate.time.Instants.max;
import static io.slotgate.time.Instants.min;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a day bucket keeps of the fill that made it, so that {@link CalcomLayout} can tell what the fill's slots prove.
 *
 * <p>A fill is one {@code GET /v2/slots} call over whole UTC days, {@code [start, knownUntil]}. Cal.com clipped its free
 * ranges at {@code max(start, its clock + max(notice, 1 min))} and dropped slots before {@code its clock + notice}; its
 * clock read some instant between the moment slotgate sent the request and the moment the answer arrived, so that clip
 * lies in {@code [earliestFrom, knownFrom]}.
 *
 * @param frequencyMinutes step between slot starts ({@code slotInterval}, else the length)
 * @param lengthMinutes    the slot length (the requested duration)
 * @param aggregation      how the hosts' free ranges combine: {@link Aggregation#MERGED} for individual and collective
 *                         event types, {@link Aggregation#UNITED} for round robin
 * @param zone             the {@code timeZone} the fill asked in: its alignment class (offset minutes modulo the
 *                         interval) is the one its slots were laid out in
 * @param stretchBeforeMinutes the most Cal.com moves a booking's start earlier for this event type: the largest
 *                         (booked event type's before buffer + this one's after buffer) over every event type whose
 *                         bookings can block these hosts; 0 when there are no such buffers
 * @param stretchAfterMinutes the most it moves a booking's end later: the largest (booked type's after buffer + this
 *                         one's before buffer). Cal.com loads only the bookings that end after a window's start and
 *                         begin before its end, so near a window's edges a booking's buffers come and go with the
 *                         window, and with the clock
 * @param start            the fill's start: its first day, 00:00:00Z
 * @param earliestFrom     {@code max(start, the instant the request was SENT + max(notice, 1 min))}
 * @param knownFrom        {@code max(start, the instant the answer ARRIVED + max(notice, 1 min))}: from here on the
 *                         fill's answer is complete
 * @param knownUntil       the fill's {@code end} (23:59:59Z of its last day): a slot is in the fill only if it ends by
 *                         this instant + 1 s
 */
public record FillShape(int frequencyMinutes, int lengthMinutes, Aggregation aggregation, ZoneId zone,
                        int stretchBeforeMinutes, int stretchAfterMinutes, Instant start, Instant earliestFrom,
                        Instant knownFrom, Instant knownUntil) {

    /** How Cal.com's {@code getAggregatedAvailability} combines the hosts' free ranges. */
    public enum Aggregation {
        /** Individual and collective: ranges intersected and overlapping ones merged, so they never overlap. */
        MERGED,
        /** Round robin: the hosts' ranges united, overlapping ones kept apart (each lays its own run of slots). */
        UNITED
    }

    public FillShape {
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(earliestFrom, "earliestFrom");
        Objects.requireNonNull(knownFrom, "knownFrom");
        Objects.requireNonNull(knownUntil, "knownUntil");
        if (frequencyMinutes <= 0) {
            throw new IllegalArgumentException("frequencyMinutes must be positive, got " + frequencyMinutes);
        }
        if (lengthMinutes <= 0) {
            throw new IllegalArgumentException("lengthMinutes must be positive, got " + lengthMinutes);
        }
        if (stretchBeforeMinutes < 0 || stretchAfterMinutes < 0) {
            throw new IllegalArgumentException("stretches must not be negative, got " + stretchBeforeMinutes + " and "
                    + stretchAfterMinutes);
        }
        if (earliestFrom.isBefore(start)) {
            throw new IllegalArgumentException("earliestFrom " + earliestFrom + " is before the fill's start " + start);
        }
        if (knownFrom.isBefore(earliestFrom)) {
            throw new IllegalArgumentException("knownFrom " + knownFrom + " is before earliestFrom " + earliestFrom);
        }
        if (knownUntil.isBefore(knownFrom)) {
            throw new IllegalArgumentException("knownUntil " + knownUntil + " is before knownFrom " + knownFrom);
        }
    }

    /**
     * The shape of a fill of the UTC days {@code [first, last]} in {@code zone} (as slotgate asks: {@code end} is
     * 23:59:59Z of the last day), sent at {@code sentAt}, answered at {@code arrivedAt}, for an event type with
     * {@code noticeMinutes} of minimum booking notice and bookings stretched by at most the two stretches.
     */
    public static FillShape of(int frequencyMinutes, int lengthMinutes, Aggregation aggregation, ZoneId zone,
                               int stretchBeforeMinutes, int stretchAfterMinutes, LocalDate first, LocalDate last,
                               Instant sentAt, Instant arrivedAt, int noticeMinutes) {
        if (noticeMinutes < 0) {
            throw new IllegalArgumentException("noticeMinutes must not be negative, got " + noticeMinutes);
        }
        if (arrivedAt.isBefore(sentAt)) {
            throw new IllegalArgumentException("the answer arrived (" + arrivedAt + ") before it was sent (" + sentAt + ")");
        }
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
        Duration bound = Duration.ofMinutes(Math.max(noticeMinutes, 1));
        Instant earliest = max(start, sentAt.plus(bound));
        Instant known = max(start, arrivedAt.plus(bound));
        return new FillShape(frequencyMinutes, lengthMinutes, aggregation, zone, stretchBeforeMinutes,
                stretchAfterMinutes, start,
                min(earliest, until),
                min(known, until), until);
    }

    /** Two buckets come from fills that saw the same answer (same shape): their days join seamlessly. */
    boolean sameFill(FillShape other) {
        return equals(other);
    }
}
