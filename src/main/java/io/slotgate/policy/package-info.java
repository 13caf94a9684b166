/**
 * Freshness policy as configuration, not code: named profiles (the seed guide's baselines and slotgate's own),
 * written as JSON, swappable at run time, and applied to each tenant's buckets with what its activity shows.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.policy.PolicyProfile}: one named policy;</li>
 *   <li>{@link io.slotgate.policy.PolicyProfiles}: the built-in profiles;</li>
 *   <li>{@link io.slotgate.policy.PolicyJson}: a policy as JSON, extending a named profile;</li>
 *   <li>{@link io.slotgate.policy.PolicyHolder}: the active policy, swappable at run time;</li>
 *   <li>{@link io.slotgate.policy.AdaptiveFreshness}: the active profile applied to one tenant's buckets;</li>
 *   <li>{@link io.slotgate.policy.ActivityTracker}: bookings per event type and the health of the webhook
 *       feed;</li>
 *   <li>{@link io.slotgate.policy.KeyMode}: shared day buckets, or one entry per exact query;</li>
 *   <li>{@link io.slotgate.policy.InvalidationScope}: what a booking webhook invalidates.</li>
 * </ul>
 */
package io.slotgate.policy;
