package io.slotgate.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The availability-relevant settings of one Cal.com event type (NOTES §4).
 *
 * @param lengthOptions       {@code lengthInMinutesOptions}; empty for a fixed-length event type
 * @param slotIntervalMinutes step between slot starts; null means "the requested duration"
 * @param showOptimizedSlots  Cal.com's {@code showOptimizedSlots}: a run that starts off the interval keeps as many
 *                            slots as its range holds instead of moving up to the next interval boundary
 * @param teamId              the team owning a team event type; null for a user's own event type, or for a team
 *                            event type of the tenant's default team ({@link Team#DEFAULT_ID})
 * @param seatsPerTimeSlot    a seated event type's seats per slot, as its event type route reports it; null for
 *                            one without seats. The emulator computes seated slots as plain ones (no seat counts).
 */
public record EventTypeSpec(long id, String slug, int lengthMinutes, List<Integer> lengthOptions,
                            Integer slotIntervalMinutes, int beforeBufferMinutes, int afterBufferMinutes,
                            int minimumBookingNoticeMinutes, SchedulingType schedulingType, List<Long> hostIds,
                            boolean showOptimizedSlots, Long teamId, Integer seatsPerTimeSlot) {
    public EventTypeSpec {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(schedulingType, "schedulingType");
        lengthOptions = lengthOptions == null ? List.of() : List.copyOf(lengthOptions);
        hostIds = List.copyOf(hostIds);
        if (lengthMinutes <= 0) {
            throw new IllegalArgumentException("lengthMinutes must be positive");
        }
        if (slotIntervalMinutes != null && slotIntervalMinutes <= 0) {
            throw new IllegalArgumentException("slotIntervalMinutes must be positive");
        }
        if (hostIds.isEmpty()) {
            throw new IllegalArgumentException("an event type needs at least one host");
        }
        if (schedulingType == SchedulingType.INDIVIDUAL && hostIds.size() != 1) {
            throw new IllegalArgumentException("an individual event type has exactly one host");
        }
        if (schedulingType == SchedulingType.INDIVIDUAL && teamId != null) {
            throw new IllegalArgumentException("an individual event type belongs to its host, not to a team");
        }
        if (seatsPerTimeSlot != null && seatsPerTimeSlot <= 0) {
            throw new IllegalArgumentException("seatsPerTimeSlot must be positive");
        }
    }

    /** A user's or the default team's event type, without {@code showOptimizedSlots}. */
    public EventTypeSpec(long id, String slug, int lengthMinutes, List<Integer> lengthOptions,
                         Integer slotIntervalMinutes, int beforeBufferMinutes, int afterBufferMinutes,
                         int minimumBookingNoticeMinutes, SchedulingType schedulingType, List<Long> hostIds) {
        this(id, slug, lengthMinutes, lengthOptions, slotIntervalMinutes, beforeBufferMinutes, afterBufferMinutes,
                minimumBookingNoticeMinutes, schedulingType, hostIds, false, null, null);
    }

    public EventTypeSpec withShowOptimizedSlots(boolean optimized) {
        return new EventTypeSpec(id, slug, lengthMinutes, lengthOptions, slotIntervalMinutes, beforeBufferMinutes,
                afterBufferMinutes, minimumBookingNoticeMinutes, schedulingType, hostIds, optimized, teamId,
                seatsPerTimeSlot);
    }

    public EventTypeSpec withTeam(long team) {
        return new EventTypeSpec(id, slug, lengthMinutes, lengthOptions, slotIntervalMinutes, beforeBufferMinutes,
                afterBufferMinutes, minimumBookingNoticeMinutes, schedulingType, hostIds, showOptimizedSlots, team,
                seatsPerTimeSlot);
    }

    public EventTypeSpec withSeats(int seats) {
        return new EventTypeSpec(id, slug, lengthMinutes, lengthOptions, slotIntervalMinutes, beforeBufferMinutes,
                afterBufferMinutes, minimumBookingNoticeMinutes, schedulingType, hostIds, showOptimizedSlots, teamId,
                seats);
    }

    /** Every duration a booker may ask for: the default length and the options. */
    public List<Integer> allowedLengths() {
        TreeSet<Integer> all = new TreeSet<>(lengthOptions);
        all.add(lengthMinutes);
        return List.copyOf(all);
    }

    /** The allowed lengths as Cal.com's error messages list them: "15, 30, 60". */
    String allowedLengthsText() {
        return String.join(", ", allowedLengths().stream().map(String::valueOf).toList());
    }

    public boolean allowsLength(int minutes) {
        return minutes == lengthMinutes || lengthOptions.contains(minutes);
    }

    /** A human title derived from the slug ("sales-demo" becomes "Sales Demo"); the spec has no title of its own. */
    public String title() {
        StringBuilder title = new StringBuilder();
        for (String word : slug.split("[-_]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!title.isEmpty()) {
                title.append(' ');
            }
            title.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return title.toString();
    }
}
