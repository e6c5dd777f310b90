package dev.herald.redis;

import dev.herald.core.inbox.InboxFanOut;
import dev.herald.testkit.InboxFanOutContract;
import dev.herald.testkit.peers.RedisPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The inbox fan-out contract on Redis pub/sub: two nodes, each with its own connections. */
class RedisInboxFanOutTest extends InboxFanOutContract {
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
    private final String channel = "test:" + UUID.randomUUID() + ":inbox";
    private final Map<Integer, InboxFanOut> fanOuts = new HashMap<>();

    @Override
    protected InboxFanOut node(int index) {
        return fanOuts.computeIfAbsent(index, i -> new RedisInboxFanOut(nodes.connect(), channel));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }
}
