package dev.herald.redis;

import dev.herald.testkit.peers.RedisPeer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Connections of several "nodes" to one test Redis, closed together after each test. */
final class RedisNodes implements AutoCloseable {
    private final RedisPeer redis;
    private final List<RedisConnections> opened = new ArrayList<>();

    RedisNodes(RedisPeer redis) {
        this.redis = redis;
    }

    RedisConnections connect() {
        RedisConnections connections = RedisConnections.open(redis.url(), Duration.ofSeconds(2));
        opened.add(connections);
        return connections;
    }

    @Override
    public void close() {
        opened.forEach(RedisConnections::close);
    }
}
