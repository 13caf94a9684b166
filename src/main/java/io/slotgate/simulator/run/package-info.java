/**
 * One policy and one seed in virtual time: the emulator and slotgate's real tenant, wired as in production but on
 * one thread, each answer judged against the emulator's truth at its instant.
 *
 * <p>Public types: {@link io.slotgate.simulator.run.PolicyRun}, the run the simulation starts.
 *
 * <p>Package-private, behind it: the judge, the recorder of figures, the transport that counts calls, and the
 * bookings slotgate has been told of.
 */
package io.slotgate.simulator.run;
