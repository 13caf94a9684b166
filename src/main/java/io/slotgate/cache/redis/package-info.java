/**
 * The shared tier: Redis behind every instance's L1, so that the instances of one deployment share their fills,
 * their generation counters and change logs, their fill leases, their Cal.com rate budget and their list answers,
 * and hear each other's changes on one pub/sub channel. Without {@code redis-url} none of it runs.
 *
 * <p>Public, for the composition root, the admin API and the metrics:
 * <ul>
 *   <li>{@link io.slotgate.cache.redis.RedisTier}: one per process; hands each tenant its stores
 *       ({@link io.slotgate.cache.redis.RedisTier.TenantTier}), and answers for the tier as a whole (trust, peers,
 *       stats, key listings).</li>
 *   <li>{@link io.slotgate.cache.redis.RedisSettings}: the parsed {@code redis-url}.</li>
 *   <li>{@link io.slotgate.cache.redis.RedisStats}: the tier's counters, for metrics.</li>
 *   <li>{@link io.slotgate.cache.redis.TieredBucketStore} and
 *       {@link io.slotgate.cache.redis.RedisGenerationStore}: a tenant's stores, as the cache and the admin API use
 *       them (the L2 store itself stays behind {@code TieredBucketStore}).</li>
 * </ul>
 *
 * <p>Everything else is package-private machinery behind {@code RedisTier}: the connections, the trust rule and its
 * health checks, the generation view and its queue of changes made while Redis was away, the channel listener, the
 * held copies of L1, the peer directory, key scanning, scripts and their codecs, and the keys, which only
 * {@code RedisKeys} builds.
 */
package io.slotgate.cache.redis;
