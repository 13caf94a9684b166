package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;

import java.util.Optional;

/**
 * Where {@link CacheKey}s live in Redis. Standalone and Sentinel use the rendered keys as they are. A Cluster needs a
 * bucket and its generation counter in the same hash slot (the conditional write reads one and writes the other in
 * one script), so there each key gets the hash tag {@code {tenant:eventTypeId:day}} appended; the part before the tag
 * is still the rendered key, which {@link #generationOf} reads back. Leases are slotgate-internal and live beside the
 * buckets as {@code sg:{tenant}:lease:{eventTypeId}:{duration}:{day}}.
 */
final class RedisKeys {
    private final boolean hashTags;

    RedisKeys(boolean hashTags) {
        this.hashTags = hashTags;
    }

    String bucket(CacheKey.Bucket key) {
        return key.render() + tag(key.tenant(), key.eventTypeId(), key.day().toString());
    }

    String generation(CacheKey.Generation key) {
        return key.render() + tag(key.tenant(), key.eventTypeId(), key.day().toString());
    }

    String changes(CacheKey.Generation key) {
        return key.changes().render() + tag(key.tenant(), key.eventTypeId(), key.day().toString());
    }

    String lease(CacheKey.Bucket key) {
        return CacheKey.PREFIX + ':' + key.tenant().value() + ":lease:" + key.eventTypeId() + ':' + key.durationMinutes()
                + (key.alignment() == 0 ? "" : "+" + key.alignment()) + ':' + key.day()
                + tag(key.tenant(), key.eventTypeId(), key.day().toString());
    }

    /**
     * The shared rate budget of one Cal.com key, named by the key's fingerprint (never the key itself): its calls,
     * its block and the instances spending it, in one hash slot so that one script can touch all three.
     */
    String rateCalls(String keyFingerprint) {
        return CacheKey.PREFIX + ":ratelimit:" + keyFingerprint + ":calls" + rateTag(keyFingerprint);
    }

    String rateBlock(String keyFingerprint) {
        return CacheKey.PREFIX + ":ratelimit:" + keyFingerprint + ":block" + rateTag(keyFingerprint);
    }

    String rateMembers(String keyFingerprint) {
        return CacheKey.PREFIX + ":ratelimit:" + keyFingerprint + ":instances" + rateTag(keyFingerprint);
    }

    /** A Cal.com list answer shared by the instances spending one key (named by its fingerprint, never the key). */
    String sharedCall(String keyFingerprint, String request) {
        return CacheKey.PREFIX + ":calls:" + keyFingerprint + ":" + request;
    }

    /** Which instance is making a shared list call now (see {@link #sharedCall}). */
    String sharedCallClaim(String keyFingerprint, String request) {
        return CacheKey.PREFIX + ":calls:" + keyFingerprint + ":claim:" + request;
    }

    /** The instances of this deployment that can be reached over HTTP, scored by their last heartbeat. */
    String peers(String channel) {
        return CacheKey.PREFIX + ":peers:" + channel;
    }

    private String rateTag(String keyFingerprint) {
        return hashTags ? "{ratelimit:" + keyFingerprint + "}" : "";
    }

    /** A SCAN pattern for every bucket of one tenant. */
    String bucketPattern(TenantId tenant) {
        return CacheKey.PREFIX + ':' + tenant.value() + ":slots:*";
    }

    /** A pattern on rendered keys for every bucket of one tenant, of one event type when it is positive. */
    String bucketPattern(TenantId tenant, long eventTypeId) {
        return eventTypeId > 0 ? CacheKey.PREFIX + ':' + tenant.value() + ":slots:" + eventTypeId + ":*"
                : bucketPattern(tenant);
    }

    /** The SCAN pattern for a glob on rendered keys: with hash tags, the tag after the rendered part must match too. */
    String scanMatch(String renderedGlob) {
        return hashTags ? renderedGlob + "*" : renderedGlob;
    }

    /** The rendered key a Redis key stands for: the key without its hash tag. */
    String rendered(String redisKey) {
        int brace = redisKey.indexOf('{');
        return brace < 0 ? redisKey : redisKey.substring(0, brace);
    }

    /** A SCAN pattern for every bucket of every tenant. */
    String allBucketsPattern() {
        return CacheKey.PREFIX + ":*:slots:*";
    }

    /** The generation a published message (or a generation key) names; empty for anything else. */
    Optional<CacheKey.Generation> generationOf(String redisKey) {
        try {
            return CacheKey.parse(rendered(redisKey)) instanceof CacheKey.Generation g ? Optional.of(g) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String tag(TenantId tenant, long eventTypeId, String day) {
        return hashTags ? "{" + tenant.value() + ':' + eventTypeId + ':' + day + "}" : "";
    }
}
