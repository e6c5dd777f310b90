package dev.herald.server.limits;

import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.ProviderCalls;
import dev.herald.providers.chain.ProviderGuards;
import dev.herald.providers.chain.ProviderRates;
import dev.herald.providers.chain.Sleeper;
import dev.herald.redis.RedisConnections;
import dev.herald.redis.RedisRateLimiter;
import dev.herald.testkit.RecordingProvider;
import dev.herald.testkit.TestOutbound;
import dev.herald.testkit.peers.RedisPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's rate is its account's: two nodes' chains sending through the same provider take permits from one
 * bucket in Redis, so together they keep to its rate; with their own buckets each would take the whole rate.
 */
class SharedProviderRatesTest {
    private static RedisPeer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisPeer.started();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = d -> {
        slept.add(d);
        clock.advance(d);
    };
    private final RecordingProvider provider = new RecordingProvider(Channel.EMAIL);
    private final Map<String, ProviderGuards> twoPerSecond = Map.of("recording",
            ProviderGuards.defaults().withRate(2));
    private final String prefix = "test:" + UUID.randomUUID() + ":";

    private FailoverChain node(ProviderRates rates) {
        return new FailoverChain(Channel.EMAIL, List.of(provider), twoPerSecond, clock, sleeper,
                Duration.ofSeconds(15), ProviderCalls.NONE, rates);
    }

    private RateLimiter redisLimiter(RedisConnections connections) {
        return new RedisRateLimiter(connections, clock, (key, limit) -> {
            throw new AssertionError("Redis is up: the fallback must not be asked");
        }, prefix);
    }

    private void sendSixAlternately(FailoverChain a, FailoverChain b) {
        for (int i = 0; i < 6; i++) {
            SendResult result = (i % 2 == 0 ? a : b).send(TestOutbound.to(Channel.EMAIL, "ann@example.com",
                    new Message("Hi", "Hello", null)));
            assertThat(result).isInstanceOf(SendResult.Sent.class);
        }
    }

    @Test
    void twoNodesTogetherKeepToTheProvidersRate() {
        try (RedisConnections nodeA = RedisConnections.open(redis.url(), Duration.ofSeconds(2));
             RedisConnections nodeB = RedisConnections.open(redis.url(), Duration.ofSeconds(2))) {
            sendSixAlternately(node(ProviderRates.sharedBy(redisLimiter(nodeA))),
                    node(ProviderRates.sharedBy(redisLimiter(nodeB))));
        }

        // Six messages at two per second for both nodes: a burst of two, then half a second per permit.
        assertThat(provider.received()).hasSize(6);
        assertThat(slept).hasSize(4).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void withTheirOwnBucketsEachNodeTakesTheWholeRate() {
        sendSixAlternately(node(ProviderRates.OWN), node(ProviderRates.OWN));

        assertThat(provider.received()).hasSize(6);
        assertThat(slept).hasSize(1);
    }
}
