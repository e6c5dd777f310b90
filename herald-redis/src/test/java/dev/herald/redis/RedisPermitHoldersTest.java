package dev.herald.redis;

import dev.herald.core.limits.PermitHolders;
import dev.herald.testkit.PermitHoldersContract;
import dev.herald.testkit.peers.RedisPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The permit-holders contract on Redis: two nodes, each with its own connections and an empty memory of its own
 * behind Redis, so what node 1 knows of node 0's holders it can only have learned through Redis.
 */
class RedisPermitHoldersTest extends PermitHoldersContract {
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
    private final Map<Integer, PermitHolders> memories = new HashMap<>();

    @Override
    protected PermitHolders node(int index) {
        return memories.computeIfAbsent(index, i -> new RedisPermitHolders(nodes.connect(), clock,
                new PermitHolders() {
                    @Override
                    public boolean holds(String holder) {
                        return false;
                    }

                    @Override
                    public void remember(String holder, Duration period) {
                    }
                }, prefix));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }
}
