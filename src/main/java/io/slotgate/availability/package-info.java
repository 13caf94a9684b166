/**
 * One tenant's availability: a slots query turned into day buckets, composed by the cache, filtered at serve time
 * as Cal.com filters (the past, the minimum notice) and rendered once per answer, with the event-type facts that
 * rule needs and the filler that asks Cal.com for missing days.
 *
 * <p>Public types, the ones other packages use:
 * <ul>
 *   <li>{@link io.slotgate.availability.AvailabilityService}: answers one tenant's slots queries;</li>
 *   <li>{@link io.slotgate.availability.SlotsQuery}: a validated availability question;</li>
 *   <li>{@link io.slotgate.availability.Availability}: the slots that answer it, and how fresh they are;</li>
 *   <li>{@link io.slotgate.availability.AnswerForm}: how an answer's slots become a body;</li>
 *   <li>{@link io.slotgate.availability.RenderedAnswer}: one answer's body, plain and gzipped, with its tags;</li>
 *   <li>{@link io.slotgate.availability.ServedAnswer}: an answer as it was served, for the staleness
 *       verifier;</li>
 *   <li>{@link io.slotgate.availability.LayoutCounts}: how composed answers were laid out;</li>
 *   <li>{@link io.slotgate.availability.UpstreamFiller}: fills buckets from Cal.com;</li>
 *   <li>{@link io.slotgate.availability.Warmer}: runs warming rounds at the active profile's pace;</li>
 *   <li>{@link io.slotgate.availability.KeptWarm}: the event types the last warming round kept warm, which the
 *       cache's background fills read;</li>
 *   <li>{@link io.slotgate.availability.EventTypeDirectory}: event-type facts, fetched once and kept a while;</li>
 *   <li>{@link io.slotgate.availability.EventTypeCatalog}: the tenant's event types as Cal.com lists them;</li>
 *   <li>{@link io.slotgate.availability.EventTypeName} and {@link io.slotgate.availability.EventTypeNames}: an
 *       event type named as booking links name it, and its resolution to an id;</li>
 *   <li>{@link io.slotgate.availability.CalcomEventTypeNames}: that resolution through Cal.com's own routes.</li>
 * </ul>
 *
 * <p>Package-private: the exact-query cache of the seed profiles, the rendered answers kept for the hit path, and
 * the query counts the warmer ranks event types by.
 */
package io.slotgate.availability;
