package io.slotgate.calcom;

import java.time.Duration;
import java.util.List;

/**
 * What slotgate needs to know of an event type: its default length (the bucket key of queries without
 * {@code duration}), its minimum booking notice (filtered at serve time), its buffers, its hosts, how they are
 * scheduled, the slot interval its slots step by (0: its length, or the duration asked for), and whether it is seated
 * (its slots then carry seat counts and booking uids that day buckets do not keep).
 */
public record EventTypeInfo(long id, int lengthMinutes, List<Integer> lengthOptions, int minimumBookingNoticeMinutes,
                            int beforeBufferMinutes, int afterBufferMinutes, List<Long> hostIds,
                            int slotIntervalMinutes, Scheduling scheduling, boolean seated) {
    /** How Cal.com picks hosts: one host, every host (collective), or one free host (round robin). */
    public enum Scheduling { INDIVIDUAL, COLLECTIVE, ROUND_ROBIN, UNKNOWN }

    public EventTypeInfo {
        lengthOptions = List.copyOf(lengthOptions);
        hostIds = List.copyOf(hostIds);
        java.util.Objects.requireNonNull(scheduling, "scheduling");
    }

    /** Without seats. */
    public EventTypeInfo(long id, int lengthMinutes, List<Integer> lengthOptions, int minimumBookingNoticeMinutes,
                         int beforeBufferMinutes, int afterBufferMinutes, List<Long> hostIds,
                         int slotIntervalMinutes, Scheduling scheduling) {
        this(id, lengthMinutes, lengthOptions, minimumBookingNoticeMinutes, beforeBufferMinutes, afterBufferMinutes,
                hostIds, slotIntervalMinutes, scheduling, false);
    }

    public EventTypeInfo(long id, int lengthMinutes, List<Integer> lengthOptions, int minimumBookingNoticeMinutes,
                         int beforeBufferMinutes, int afterBufferMinutes, List<Long> hostIds) {
        this(id, lengthMinutes, lengthOptions, minimumBookingNoticeMinutes, beforeBufferMinutes, afterBufferMinutes,
                hostIds, 0, hostIds.size() == 1 ? Scheduling.INDIVIDUAL : Scheduling.UNKNOWN);
    }

    /** For an event type Cal.com would not describe to us (no API key, or not ours): length and notice unknown. */
    public static EventTypeInfo unknown(long id) {
        return new EventTypeInfo(id, 0, List.of(), 0, 0, 0, List.of(), 0, Scheduling.UNKNOWN);
    }

    /** Whether one busy host blocks a slot: true for one host and for collective event types. */
    public boolean oneBusyHostBlocks() {
        return scheduling == Scheduling.INDIVIDUAL || scheduling == Scheduling.COLLECTIVE;
    }

    public boolean isKnown() {
        return lengthMinutes > 0;
    }

    /** The step between slot starts for slots of {@code durationMinutes}: the slot interval, else the length. */
    public int frequencyMinutes(int durationMinutes) {
        return slotIntervalMinutes > 0 ? slotIntervalMinutes : durationMinutes;
    }

    public Duration minimumNotice() {
        return Duration.ofMinutes(minimumBookingNoticeMinutes);
    }

}
