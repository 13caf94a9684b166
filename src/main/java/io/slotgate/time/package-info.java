/**
 * Time and background work, injected everywhere so that the simulator and tests can run a day in virtual time,
 * deterministically.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.time.Scheduler}: where background work and timers run;</li>
 *   <li>{@link io.slotgate.time.RealScheduler}: production's, on virtual threads;</li>
 *   <li>{@link io.slotgate.time.VirtualScheduler}: runs tasks only when virtual time is drained;</li>
 *   <li>{@link io.slotgate.time.MutableClock}: a clock that moves only when told to;</li>
 *   <li>{@link io.slotgate.time.Durations}: the larger and the smaller of two durations;</li>
 *   <li>{@link io.slotgate.time.Instants}: the later and the earlier of two instants.</li>
 * </ul>
 */
package io.slotgate.time;
