/**
 * What an operator sees and does: the cache's figures, keys and clearing behind the admin API, the calls that reach
 * Cal.com per day and event type, and staleness measured in production.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.ops.CacheAdmin}: the cache's figures, its keys by glob, and clearing;</li>
 *   <li>{@link io.slotgate.ops.StalenessVerifier}: re-asks Cal.com for a sample of what was served;</li>
 *   <li>{@link io.slotgate.ops.UpstreamLedger}: counts the calls that leave slotgate.</li>
 * </ul>
 *
 * <p>Package-private, behind {@code StalenessVerifier}: the served sample ({@code ServedSamples}), served against
 * Cal.com's answer ({@code SlotComparison}), and the counts ({@code StalenessTally}).
 */
package io.slotgate.ops;
