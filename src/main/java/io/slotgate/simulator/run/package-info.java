/**
 * One policy and one seed in virtual time: the emulator and slotgate's real tenant, wired as in production but on
 * one thread, each answer judged against the emulator's truth at its instant.
 *
 * <p>Public types: {@link io.slotgate.simulator.run.PolicyRun}, the run the simulation starts: it replays the events
 * in order and moves virtual time between them.
 *
 * <p>Package-private, behind it: the wiring of emulator and tenant ({@code RunWiring}), the actors of the stream
 * ({@code QueryAsker} for the queries, {@code Bookers} for the bookings and their cancellations and reschedules,
 * {@code ExternalCalendars} for the busy time no webhook tells of), the judge, the recorder of figures, the transport
 * that counts calls, the bookings slotgate has been told of and the reading of their uids ({@code BookingUids}).
 */
package io.slotgate.simulator.run;
