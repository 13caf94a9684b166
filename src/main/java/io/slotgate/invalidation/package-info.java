/**
 * How cached days learn that they changed: Cal.com's webhooks (verified, parsed, deduplicated), bookings and
 * reservations made through slotgate, and changes a refetch finds that nothing announced, all turned into changes
 * of the affected (event type, UTC day) for every event type of the affected hosts.
 *
 * <p>Public types, the ones other packages use:
 * <ul>
 *   <li>{@link io.slotgate.invalidation.Invalidation}: one tenant's invalidation parts, as the wiring built them;</li>
 *   <li>{@link io.slotgate.invalidation.Invalidator}: turns hosts made busy or free into changes of cached days;</li>
 *   <li>{@link io.slotgate.invalidation.InvalidationSink}: where those changes go;</li>
 *   <li>{@link io.slotgate.invalidation.Cause}: why an invalidation happened;</li>
 *   <li>{@link io.slotgate.invalidation.InvalidationCounters}: counts of the invalidation work, for metrics;</li>
 *   <li>{@link io.slotgate.invalidation.HostMap}: event type to hosts, and back;</li>
 *   <li>{@link io.slotgate.invalidation.WebhookIntake}: a tenant's webhook endpoint, without HTTP;</li>
 *   <li>{@link io.slotgate.invalidation.WebhookSignature}: Cal.com's {@code X-Cal-Signature-256};</li>
 *   <li>{@link io.slotgate.invalidation.WebhookRelay}: passes a webhook on to peers while the shared tier is
 *       away;</li>
 *   <li>{@link io.slotgate.invalidation.InMemorySeenWebhooks}: which deliveries this process has already seen;</li>
 *   <li>{@link io.slotgate.invalidation.WriteThrough}: bookings and reservations through slotgate, read your
 *       writes;</li>
 *   <li>{@link io.slotgate.invalidation.LegacyReservations}: the same for the 2024-04-15 reservation routes;</li>
 *   <li>{@link io.slotgate.invalidation.HeldSlots}: reservations not yet released, until they lapse;</li>
 *   <li>{@link io.slotgate.invalidation.SiblingRefresh}: refetches a host's other event types when an unannounced
 *       change is found.</li>
 * </ul>
 *
 * <p>Package-private: the webhook payloads and their parsed events, the malformed-body exception, the
 * seen-deliveries interface, which only {@code WebhookIntake} reads, and {@code EventTypeChanges}, which sends one
 * event type's changed days to the sink for {@code Invalidator}.
 */
package io.slotgate.invalidation;
