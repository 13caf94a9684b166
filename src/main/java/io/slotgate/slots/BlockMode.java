package io.slotgate.slots;

/** How a busy interval reaches Cal.com's slots, as {@link CalcomLayout#block} applies it. */
public enum BlockMode {
    /**
     * A booking or other busy time: Cal.com subtracts it from the free ranges ({@code subtract} in
     * packages/features/schedules/lib/date-ranges.ts), so the slots after it in the same range start again at the busy
     * end, aligned.
     */
    SPLIT_RANGE,
    /**
     * A reservation (Cal.com's SelectedSlots): the slots that overlap it are dropped after the grid is laid
     * ({@code checkForConflicts}), and the grid does not move.
     */
    REMOVE_ONLY
}
