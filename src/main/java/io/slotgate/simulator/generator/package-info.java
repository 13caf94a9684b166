/**
 * The simulated days' events, deterministic for a workload and a seed, so that every policy replays exactly the
 * same choices.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.simulator.generator.Workload}: what a simulation replays, every figure a parameter;</li>
 *   <li>{@link io.slotgate.simulator.generator.EventStream}: generates the events from a workload and a seed;</li>
 *   <li>{@link io.slotgate.simulator.generator.SimEvent}: one thing that happens in the simulated day;</li>
 *   <li>{@link io.slotgate.simulator.generator.GeneratedTenant}: a tenant of any size shaped like the demo
 *       tenant.</li>
 * </ul>
 *
 * <p>Package-private, behind {@code Workload}: its presets ({@code WorkloadPresets}), its parameters by name for
 * copies and {@code --set} ({@code WorkloadParameters}), and its description for the report
 * ({@code WorkloadDescription}).
 */
package io.slotgate.simulator.generator;
