package dev.herald.redis;

import dev.herald.core.model.FailureKind;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One node's connections to Redis: one for commands (publishing), one for Bucket4j's buckets, one subscribed to the
 * pub/sub channels this node listens on. Commands fail within {@code timeout}, and at once while Redis is unreachable
 * (rather than queueing), so a Redis outage slows no request; the connections reconnect by themselves and the
 * subscriber subscribes again. Messages published while a node was disconnected never reach it (Redis pub/sub is
 * at most once): each user of a channel says what that costs it.
 */
public final class RedisConnections implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, byte[]> buckets;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final Duration timeout;

    private RedisConnections(RedisClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
        try {
            this.commands = client.connect(StringCodec.UTF8);
            this.buckets = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            this.subscriber = client.connectPubSub(StringCodec.UTF8);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                deliver(channel, message);
            }
        });
    }

    /**
     * Connects to {@code url} ({@code redis://[user:password@]host:port[/database]}, {@code rediss://} for TLS).
     *
     * @throws IllegalArgumentException when the URL is not a Redis URL
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached or refuses the credentials
     */
    public static RedisConnections open(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        return new RedisConnections(client, timeout);
    }

    StatefulRedisConnection<String, String> commands() {
        return commands;
    }

    StatefulRedisConnection<String, byte[]> buckets() {
        return buckets;
    }

    Duration timeout() {
        return timeout;
    }

    /** Publishes {@code message} on {@code channel}; false (logged) when Redis could not take it. */
    boolean publish(String channel, String message) {
        try {
            commands.sync().publish(channel, message);
            return true;
        } catch (RuntimeException e) {
            log.warn("redis publish on {} failed: {}", channel, FailureKind.of(e));
            return false;
        }
    }

    /**
     * Calls {@code onMessage} with every message published on {@code channel} from now on (the channel is subscribed
     * before this returns).
     */
    Runnable listen(String channel, Consumer<String> onMessage) {
        Consumer<String> mine = onMessage::accept;
        boolean[] first = {false};
        listeners.compute(channel, (c, list) -> {
            List<Consumer<String>> l = list == null ? new CopyOnWriteArrayList<>() : list;
            first[0] = l.isEmpty();
            l.add(mine);
            return l;
        });
        if (first[0]) {
            subscriber.sync().subscribe(channel);
        }
        return () -> listeners.computeIfPresent(channel, (c, list) -> {
            list.remove(mine);
            return list;
        });
    }

    private void deliver(String channel, String message) {
        for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                // One failing listener must not keep the message from the others, nor stop the subscriber.
                log.warn("a listener on redis channel {} failed: {}", channel, FailureKind.of(e));
            }
        }
    }

    @Override
    public void close() {
        subscriber.close();
        buckets.close();
        commands.close();
        client.shutdown();
    }
}
