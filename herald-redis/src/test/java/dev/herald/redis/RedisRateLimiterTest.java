package dev.herald.redis;

import dev.herald.core.limits.RateLimiter;
import dev.herald.testkit.RateLimiterContract;
import dev.herald.testkit.peers.RedisPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The rate-limiter contract on Redis: two nodes, each with its own connections, spending one budget. */
class RedisRateLimiterTest extends RateLimiterContract {
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
    // Fresh buckets per test: each test has its own key prefix in the shared Redis.
    private final String prefix = "test:" + UUID.randomUUID() + ":";
    private final Map<Integer, RateLimiter> limiters = new HashMap<>();

    @Override
    protected RateLimiter node(int index) {
        return limiters.computeIfAbsent(index, i -> new RedisRateLimiter(nodes.connect(), clock,
                (key, limit) -> {
                    throw new AssertionError("Redis is up: the fallback must not be asked");
                }, prefix));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }
}
