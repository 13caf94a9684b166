package io.slotgate.cache;

import io.slotgate.slots.FillShape;

import java.util.Objects;

/**
 * What slotgate knows of a fill target's event type that decides how Cal.com lays its slots out, so that a bucket can
 * be laid out again later ({@link FillShape}).
 *
 * @param frequencyMinutes     the step between slot starts (the slot interval, else the length)
 * @param aggregation          how the hosts' free ranges combine (round robin unites them)
 * @param noticeMinutes        the minimum booking notice
 * @param stretchBeforeMinutes the most a booking's start is moved earlier for this event type: the largest booked
 *                             type's before buffer plus this one's after buffer, over the event types sharing its hosts
 * @param stretchAfterMinutes  the most a booking's end is moved later: the largest after buffer plus this one's before
 */
public record FillFacts(int frequencyMinutes, FillShape.Aggregation aggregation, int noticeMinutes,
                        int stretchBeforeMinutes, int stretchAfterMinutes) {
    public FillFacts {
        Objects.requireNonNull(aggregation, "aggregation");
        if (frequencyMinutes <= 0 || noticeMinutes < 0 || stretchBeforeMinutes < 0 || stretchAfterMinutes < 0) {
            throw new IllegalArgumentException("a positive frequency and no negative notice or stretch, got "
                    + frequencyMinutes + ", " + noticeMinutes + ", " + stretchBeforeMinutes + ", "
                    + stretchAfterMinutes);
        }
    }
}
