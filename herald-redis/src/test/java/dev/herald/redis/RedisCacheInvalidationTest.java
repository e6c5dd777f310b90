package dev.herald.redis;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.testkit.CacheInvalidationContract;
import dev.herald.testkit.peers.RedisPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The cache-invalidation contract on Redis pub/sub: two nodes, each with its own connections. */
class RedisCacheInvalidationTest extends CacheInvalidationContract {
    private static RedisPeer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisPeer.started();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private final RedisNodes nodes = new RedisNodes(redis);
    private final String prefix = "test:" + UUID.randomUUID() + ":";
    private final Map<Integer, CacheInvalidation> invalidations = new HashMap<>();

    @Override
    protected CacheInvalidation node(int index) {
        return invalidations.computeIfAbsent(index, i -> new RedisCacheInvalidation(nodes.connect(), prefix));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }
}
