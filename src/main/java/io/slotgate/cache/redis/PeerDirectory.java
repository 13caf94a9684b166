package io.slotgate.cache.redis;

import io.lettuce.core.Range;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The instances of one deployment that can be reached over HTTP. Read while Redis answers and kept while it does
 * not, because that is when a webhook has to be relayed to them: they cannot hear the change on the channel.
 */
final class PeerDirectory {
    private final RedisSettings settings;
    private final RedisKeys keys;
    private final RedisConnections connections;
    private final TrustState trust;
    private final Clock clock;
    /** Where this instance is reached over HTTP, once its server listens. */
    private volatile URI advertised;
    private volatile List<URI> peers = List.of();

    PeerDirectory(RedisSettings settings, RedisKeys keys, RedisConnections connections, TrustState trust, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.connections = connections;
        this.trust = trust;
        this.clock = clock;
    }

    void advertise(URI url) {
        this.advertised = url;
    }

    /** The others that announced themselves within the last ten health checks, as last read. */
    List<URI> peers() {
        return peers;
    }

    /** Announces this instance and reads who else is there; a failure keeps the list as it was. */
    void announce() {
        String key = keys.peers(settings.channel());
        long now = clock.millis();
        try {
            var sync = connections.sync();
            if (advertised != null) {
                sync.zadd(key, now, advertised.toString());
                sync.pexpire(key, settings.healthEvery().multipliedBy(100).toMillis());
            }
            sync.zremrangebyscore(key, Range.create(0, now - settings.healthEvery().multipliedBy(10).toMillis()));
            peers = sync.zrange(key, 0, -1).stream().filter(url -> advertised == null || !url.equals(advertised.toString()))
                    .map(URI::create).toList();
        } catch (RuntimeException e) {
            trust.absorbed("announcing this instance", e);
        }
    }
}
