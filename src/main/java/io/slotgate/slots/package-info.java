/**
 * Cal.com's slots as Cal.com computes and writes them: reading {@code GET /v2/slots} and its 2024-04-15 form the way
 * Cal.com reads them, laying cached day slices out again exactly as Cal.com would answer now (or saying it cannot),
 * and rendering the answer byte for byte. Pure functions: no clock, no I/O.
 *
 * <p>Public types, the ones other packages use:
 * <ul>
 *   <li>{@link io.slotgate.slots.Slot}: one bookable slot;</li>
 *   <li>{@link io.slotgate.slots.TimeRange}: a closed interval of instants, as Cal.com reads start and end;</li>
 *   <li>{@link io.slotgate.slots.DaySlice}: one UTC day of one fill;</li>
 *   <li>{@link io.slotgate.slots.FillShape}: what a bucket keeps of the fill that made it;</li>
 *   <li>{@link io.slotgate.slots.CalcomLayout}: serves cached answers as Cal.com would answer them now;</li>
 *   <li>{@link io.slotgate.slots.Blocked} and {@link io.slotgate.slots.BlockMode}: a slice after a busy time, and
 *       how the busy time reaches it;</li>
 *   <li>{@link io.slotgate.slots.AnswerValidity}: until when the clock alone cannot change an answer;</li>
 *   <li>{@link io.slotgate.slots.CalcomTimeParams}: {@code start} and {@code end} read as Cal.com reads them;</li>
 *   <li>{@link io.slotgate.slots.RequestedZone}: the {@code timeZone} asked for, and how Cal.com renders in it;</li>
 *   <li>{@link io.slotgate.slots.SlotFormat}: Cal.com's {@code format} parameter;</li>
 *   <li>{@link io.slotgate.slots.SlotsJson}: the {@code GET /v2/slots} body, rendered and read back;</li>
 *   <li>{@link io.slotgate.slots.LegacySlotsInput}: the {@code GET /v2/slots/available} query as Cal.com
 *       validates it;</li>
 *   <li>{@link io.slotgate.slots.LegacyDates}: date strings as the 2024-04-15 controller reads them;</li>
 *   <li>{@link io.slotgate.slots.LegacySlotsJson}: the {@code GET /v2/slots/available} body;</li>
 *   <li>{@link io.slotgate.slots.CalcomErrorBody}: Cal.com's error envelope.</li>
 * </ul>
 *
 * <p>Package-private, behind {@code CalcomLayout}: the slices read as one timeline ({@code Composition}, with
 * {@code Presence} and {@code EdgeDoubts}), the free ranges behind them ({@code FreeRanges}, {@code FreeRange},
 * {@code SeenRun}), the slot grid, the window's edges, the layouts that compose them, and blocking
 * ({@code Blocking}, {@code LatticeBlock}, {@code RangeBlock}, {@code BusyTime}, {@code BlockLayout},
 * {@code BlockedSlices}). Behind {@code LegacySlotsInput}: the DTO's properties ({@code LegacyInputProperties}) and
 * its JSON ({@code LegacyInputJson}).
 */
package io.slotgate.slots;
