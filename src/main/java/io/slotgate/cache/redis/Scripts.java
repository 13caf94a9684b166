package io.slotgate.cache.redis;

/** The Lua run inside Redis; each one is atomic, which is the point. */
final class Scripts {
    private Scripts() {
    }

    /**
     * A fill's write. KEYS[1] the bucket, KEYS[2] its generation counter; ARGV[1] the encoded bucket, ARGV[2] its
     * fetchedAt (ms), ARGV[3] the bucket's retention (ms), ARGV[4] the counter's retention (ms), ARGV[5] the channel,
     * ARGV[6] the rendered bucket key. A bucket fetched later than this one is never overwritten; a write stretches
     * the counter's life past the bucket's (a counter must never expire, and restart from 0, while a bucket it
     * outdated is still stored) and tells every instance, whose older L1 copy is then dropped. A bucket carries the
     * generation its content stands for: readers patch the changes since into it. Returns {written (1|0), the
     * counter's value}.
     */
    static final String PUT_NEWER = """
            local stored = redis.call('GET', KEYS[1])
            if stored then
              local at = tonumber(string.match(stored, '^%d+|(%d+)|'))
              if at and at > tonumber(ARGV[2]) then
                return {0, tonumber(redis.call('GET', KEYS[2]) or '0')}
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            local current = tonumber(redis.call('GET', KEYS[2]) or '0')
            if current > 0 then
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            redis.call('PUBLISH', ARGV[5], 'F ' .. ARGV[6] .. ' ' .. ARGV[2])
            return {1, current}
            """;

    /**
     * A change of a day. KEYS[1] the generation counter, KEYS[2] the change log; ARGV[1] the channel, ARGV[2] the
     * retention of both (ms), ARGV[3] the rendered counter key, ARGV[4] the change (without its generation), ARGV[5]
     * how many changes the log keeps. Increments, logs and publishes in one step, so no change goes unannounced and
     * every instance can patch it in. Returns the new generation.
     */
    static final String CHANGE = """
            local g = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            local entry = g .. '|' .. ARGV[4]
            redis.call('RPUSH', KEYS[2], entry)
            redis.call('LTRIM', KEYS[2], -tonumber(ARGV[5]), -1)
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            redis.call('PUBLISH', ARGV[1], ARGV[3] .. ' ' .. entry)
            return g
            """;

    /** Gives a lease back only if it is still ours. KEYS[1] the lease; ARGV[1] our token. */
    static final String RELEASE_LEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    /**
     * Takes one call of a shared rate budget. KEYS[1] the calls (a sorted set scored by when each stops counting),
     * KEYS[2] the block (when it ends, ms), KEYS[3] the instances (scored by their last heartbeat). ARGV[1] now (ms),
     * ARGV[2] the window (ms), ARGV[3] the limit, ARGV[4] calls to leave free, ARGV[5] a unique member for the call,
     * ARGV[6] this instance, ARGV[7] how long without a heartbeat makes an instance silent (ms), ARGV[8] how long a
     * silent instance keeps its share (ms). A silent instance may be cut off from Redis and spending its fair share
     * alone, so its share is kept out of reach. Returns {taken (1|0), ms until a call may be taken, instances,
     * calls counting, blocked (1|0)}.
     */
    static final String RATE_TAKE = """
            local now = tonumber(ARGV[1])
            redis.call('ZADD', KEYS[3], now, ARGV[6])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[8]))
            redis.call('PEXPIRE', KEYS[3], ARGV[8])
            local instances = redis.call('ZCARD', KEYS[3])
            local live = redis.call('ZCOUNT', KEYS[3], now - tonumber(ARGV[7]), '+inf')
            local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local used = redis.call('ZCARD', KEYS[1])
            if blocked > now then
              return {0, blocked - now, instances, used, 1}
            end
            local limit = tonumber(ARGV[3])
            local room = limit - tonumber(ARGV[4]) - (instances - live) * math.floor(limit / instances)
            if used < room then
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[5])
              local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
              redis.call('PEXPIREAT', KEYS[1], tonumber(last[2]))
              return {1, 0, instances, used + 1, 0}
            end
            if room < 1 then
              room = 1
            end
            local freeing = redis.call('ZRANGE', KEYS[1], used - room, used - room, 'WITHSCORES')
            return {0, tonumber(freeing[2]) - now, instances, used, 0}
            """;

    /** Adds calls someone else made with the key. KEYS[1] the calls; ARGV[1] how many, ARGV[2] until (ms), ARGV[3] a
     * member prefix. Returns the calls counting. */
    static final String RATE_HOLD = """
            local expiry = tonumber(ARGV[2])
            for i = 1, tonumber(ARGV[1]) do
              redis.call('ZADD', KEYS[1], expiry, ARGV[3] .. ':' .. i)
            end
            local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            if last[2] then
              redis.call('PEXPIREAT', KEYS[1], tonumber(last[2]))
            end
            return redis.call('ZCARD', KEYS[1])
            """;

    /** Blocks every call until ARGV[1] (ms), never shortening a longer block. KEYS[1] the block. */
    static final String RATE_BLOCK = """
            local ending = tonumber(ARGV[1])
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if ending > current then
              redis.call('SET', KEYS[1], ending, 'PXAT', ending)
            end
            return 1
            """;

    /** Calls counting at ARGV[1] that still count at ARGV[2] (ms). KEYS[1] the calls. */
    static final String RATE_COUNT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]))
            return redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf')
            """;

    /** This instance is alive. KEYS[1] the instances; ARGV[1] now (ms), ARGV[2] this instance, ARGV[3] the timeout. */
    static final String RATE_HEARTBEAT = """
            local now = tonumber(ARGV[1])
            redis.call('ZADD', KEYS[1], now, ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """;
}
