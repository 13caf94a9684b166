/**
 * Finder questions (next available, a window, alternatives to a wanted time), answered only through the same day
 * buckets and serve-time filtering as {@code GET /v2/slots}, so a finder answer never disagrees with a slots answer.
 *
 * <p>Public types, the ones other packages use:
 * <ul>
 *   <li>{@link io.slotgate.finder.Finder}: answers the questions;</li>
 *   <li>{@link io.slotgate.finder.NextAvailable}: the first bookable slot within a horizon, or none;</li>
 *   <li>{@link io.slotgate.finder.Window}: every bookable slot within a range;</li>
 *   <li>{@link io.slotgate.finder.Alternatives}: the slots nearest to a wanted time;</li>
 *   <li>{@link io.slotgate.finder.FinderJson}: the questions' arguments and their answers' JSON, for the HTTP routes
 *       and the agents' tools alike.</li>
 * </ul>
 *
 * <p>Package-private: the tally of how the consulted days were served.
 */
package io.slotgate.finder;
