/**
 * The simulator: policies run side by side on the same generated event streams, one fresh emulator and one fresh
 * slotgate per policy and seed, in virtual time, and their results summed over seeds. The streams are made in
 * {@link io.slotgate.simulator.generator}, each run in {@link io.slotgate.simulator.run}, the report in
 * {@link io.slotgate.simulator.report}.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.simulator.Simulation}: runs the policies over the seeds;</li>
 *   <li>{@link io.slotgate.simulator.SimulationResult}: a simulation's outcome, with its sweeps;</li>
 *   <li>{@link io.slotgate.simulator.PolicyResult}: what one policy did, summed over seeds.</li>
 * </ul>
 */
package io.slotgate.simulator;
