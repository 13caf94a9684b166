package io.slotgate.calcom;

import java.time.Duration;
import java.util.List;

/**
 * What slotgate needs to know of an event type: its default length (the bucket key of queries without
 * {@code duration}), its minimum booking notice (filtered at serve time), its buffers and its hosts.
 */
public record EventTypeInfo(long id, int lengthMinutes, List<Integer> lengthOptions, int minimumBookingNoticeMinutes,
                            int beforeBufferMinutes, int afterBufferMinutes, List<Long> hostIds) {
    public EventTypeInfo {
        lengthOptions = List.copyOf(lengthOptions);
        hostIds = List.copyOf(hostIds);
    }

    /** For an event type Cal.com would not describe to us (no API key, or not ours): length and notice unknown. */
    public static EventTypeInfo unknown(long id) {
        return new EventTypeInfo(id, 0, List.of(), 0, 0, 0, List.of());
    }

    public boolean isKnown() {
        return lengthMinutes > 0;
    }

    public Duration minimumNotice() {
        return Duration.ofMinutes(minimumBookingNoticeMinutes);
    }

}
