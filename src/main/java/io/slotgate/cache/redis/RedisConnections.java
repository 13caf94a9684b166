package io.slotgate.cache.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Lettuce client of one process and its two connections: one for commands, one subscribed to the channel.
 * Cluster and standalone (or Sentinel) differ only in the client type Lettuce wants, so everything else is shared.
 */
final class RedisConnections {
    /** Logged under the tier's name, which log settings and readers of the logs already know. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final AbstractRedisClient client;

    private volatile StatefulConnection<String, String> connection;
    private volatile RedisClusterCommands<String, String> sync;
    private volatile RedisClusterAsyncCommands<String, String> async;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;

    RedisConnections(RedisSettings settings) {
        this.settings = settings;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = createClient();
    }

    private AbstractRedisClient createClient() {
        List<RedisURI> uris = settings.lettuceUrls().stream().map(RedisURI::create).toList();
        uris.forEach(u -> u.setTimeout(settings.commandTimeout()));
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout().multipliedBy(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build();
        if (settings.mode() == RedisSettings.Mode.CLUSTER) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
            cluster.setOptions(ClusterClientOptions.builder(options).build());
            return cluster;
        }
        RedisClient single = RedisClient.create(resources, uris.get(0));
        single.setOptions(options);
        return single;
    }

    void addListener(RedisConnectionStateListener listener) {
        client.addListener(listener);
    }

    boolean connected() {
        return connection != null;
    }

    boolean open() {
        return pubsub.isOpen() && connection.isOpen();
    }

    /** PINGs both connections: a subscription can die while commands still work, and then changes go unheard. */
    void ping() {
        sync.ping();
        pubsub.sync().ping();
    }

    RedisClusterCommands<String, String> sync() {
        return sync;
    }

    RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /** Opens both connections and subscribes to the channel; on any failure neither is left open. */
    void connect(Consumer<String> onMessage) {
        StatefulConnection<String, String> commands = null;
        StatefulRedisPubSubConnection<String, String> subscriber = null;
        try {
            Opened opened = open(client);
            commands = opened.connection();
            sync = opened.sync();
            async = opened.async();
            subscriber = client instanceof RedisClusterClient cluster ? cluster.connectPubSub()
                    : ((RedisClient) client).connectPubSub();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    onMessage.accept(message);
                }
            });
            subscriber.sync().subscribe(settings.channel());
            connection = commands;
            pubsub = subscriber;
        } catch (RuntimeException e) {
            if (subscriber != null) {
                subscriber.closeAsync();
            }
            if (commands != null) {
                commands.closeAsync();
            }
            throw e;
        }
    }

    /** Lettuce's two connection types share no interface that has {@code sync()}, hence the one dispatch. */
    private record Opened(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
                          RedisClusterAsyncCommands<String, String> async) {
    }

    private static Opened open(AbstractRedisClient client) {
        if (client instanceof RedisClusterClient cluster) {
            var c = cluster.connect();
            return new Opened(c, c.sync(), c.async());
        }
        var c = ((RedisClient) client).connect();
        return new Opened(c, c.sync(), c.async());
    }

    void close() {
        try {
            if (pubsub != null) {
                pubsub.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing Redis connections: {}", e.toString());
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
