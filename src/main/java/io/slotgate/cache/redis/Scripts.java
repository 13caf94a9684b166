package io.slotgate.cache.redis;

/** The Lua run inside Redis; each one is atomic, which is the point. */
final class Scripts {
    private Scripts() {
    }

    /**
     * The conditional write. KEYS[1] the bucket, KEYS[2] its generation counter; ARGV[1] the generation the fill started
     * under, ARGV[2] the encoded bucket, ARGV[3] the bucket's retention in ms, ARGV[4] the counter's retention in ms.
     * Writes only if the counter still equals the fill's generation, and then stretches the counter's life past the
     * bucket's (a counter must never expire, and restart from 0, while a bucket it outdated is still stored).
     * Returns {written (1|0), the counter's value}.
     */
    static final String PUT_IF_CURRENT = """
            local current = tonumber(redis.call('GET', KEYS[2]) or '0')
            if current ~= tonumber(ARGV[1]) then
              return {0, current}
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            if current > 0 then
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            return {1, current}
            """;

    /**
     * An invalidation. KEYS[1] the generation counter; ARGV[1] the channel, ARGV[2] the counter's retention in ms,
     * ARGV[3] the rendered generation key. Increments and publishes in one step, so no increment goes unannounced.
     * Returns the new generation.
     */
    static final String INVALIDATE = """
            local g = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('PUBLISH', ARGV[1], ARGV[3] .. ' ' .. g)
            return g
            """;

    /** Gives a lease back only if it is still ours. KEYS[1] the lease; ARGV[1] our token. */
    static final String RELEASE_LEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;
}
