package dev.herald.redis;

import dev.herald.core.inbox.InboxEvent;
import dev.herald.core.limits.Limit;
import dev.herald.core.limits.PermitHolders;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.model.TenantId;
import dev.herald.testkit.peers.RedisPeer;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away at runtime fails nothing: limits fall back to this node's own buckets, publishing carries on
 * (this node's streams still hear their changes), and everything is shared again once Redis is back.
 */
class RedisOutageTest {
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
    private final Limit hundredPerHour = new Limit(100, Duration.ofHours(1));
    private final RateLimiter.Decision fromThisNode = new RateLimiter.Decision(false, 0, Duration.ofSeconds(7));

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private record Heard(List<InboxEvent> events) {
        Heard() {
            this(new CopyOnWriteArrayList<>());
        }
    }

    @Test
    void whileRedisIsAwayNothingFailsAndOnceBackEverythingIsSharedAgain() {
        RedisRateLimiter limiter = new RedisRateLimiter(nodes.connect(), Clock.systemUTC(),
                (key, limit) -> fromThisNode, "outage:");
        RedisConnections nodeA = nodes.connect();
        RedisInboxFanOut fanOutA = new RedisInboxFanOut(nodeA, "outage:inbox");
        RedisInboxFanOut fanOutB = new RedisInboxFanOut(nodes.connect(), "outage:inbox");
        Heard onA = new Heard();
        Heard onB = new Heard();
        fanOutA.subscribe((tenant, user, event) -> onA.events().add(event));
        fanOutB.subscribe((tenant, user, event) -> onB.events().add(event));
        assertThat(limiter.tryAcquire("api-key:k1", hundredPerHour).allowed()).isTrue();

        redis.stop();
        try {
            assertThat(limiter.tryAcquire("api-key:k1", hundredPerHour)).isEqualTo(fromThisNode);
            assertThat(limiter.fallbackAnswers()).isEqualTo(1);

            new RedisCacheInvalidation(nodeA, "outage:").publish("types", "t1/order.shipped");
            fanOutA.publish(TenantId.defaultTenant(), "ann", new InboxEvent.UnreadCount(4));
            assertThat(onA.events()).containsExactly(new InboxEvent.UnreadCount(4));
            assertThat(onB.events()).isEmpty();
        } finally {
            redis.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            long before = limiter.fallbackAnswers();
            return limiter.tryAcquire("api-key:k1", hundredPerHour).allowed() && limiter.fallbackAnswers() == before;
        });
        // The subscriber connection reconnects and subscribes again by itself.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            fanOutA.publish(TenantId.defaultTenant(), "ann", new InboxEvent.UnreadCount(5));
            return onB.events().contains(new InboxEvent.UnreadCount(5));
        });
    }

    /**
     * While Redis is away a node remembers its own permit holders and answers from them, so a delivery it granted and
     * tries again is still not counted twice; once Redis is back, what is remembered there is shared again.
     */
    @Test
    void whileRedisIsAwayPermitHoldersAreThisNodesOwn() {
        Map<String, Duration> ownMemory = new ConcurrentHashMap<>();
        PermitHolders own = new PermitHolders() {
            @Override
            public boolean holds(String holder) {
                return ownMemory.containsKey(holder);
            }

            @Override
            public void remember(String holder, Duration period) {
                ownMemory.put(holder, period);
            }
        };
        RedisPermitHolders holders = new RedisPermitHolders(nodes.connect(), Clock.systemUTC(), own, "outage:");
        RedisPermitHolders otherNode = new RedisPermitHolders(nodes.connect(), Clock.systemUTC(), PermitHolders.NONE,
                "outage:");

        redis.stop();
        try {
            holders.remember("delivery:1:SMS", Duration.ofHours(1));
            assertThat(holders.holds("delivery:1:SMS")).isTrue();
            assertThat(holders.holds("delivery:2:SMS")).isFalse();
        } finally {
            redis.start();
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            holders.remember("delivery:3:SMS", Duration.ofHours(1));
            assertThat(otherNode.holds("delivery:3:SMS")).isTrue();
        });
        assertThat(otherNode.holds("delivery:1:SMS")).as("remembered only by the node while Redis was away")
                .isFalse();
    }

    @Test
    void aRedisThatCannotBeReachedOrABadUrlIsRefusedAtOnce() {
        assertThatThrownBy(() -> RedisConnections.open("localhost:6379", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisConnections.open("redis://127.0.0.1:1", Duration.ofSeconds(1)))
                .isInstanceOf(RedisConnectionException.class);
    }
}
