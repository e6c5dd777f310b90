package dev.herald.server.config;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.cache.LocalCacheInvalidation;
import dev.herald.core.inbox.InboxFanOut;
import dev.herald.core.inbox.LocalInboxFanOut;
import dev.herald.core.limits.PermitHolders;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.model.FailureKind;
import dev.herald.providers.chain.ProviderRates;
import dev.herald.redis.RedisCacheInvalidation;
import dev.herald.redis.RedisConnections;
import dev.herald.redis.RedisInboxFanOut;
import dev.herald.redis.RedisPermitHolders;
import dev.herald.redis.RedisRateLimiter;
import dev.herald.server.limits.BucketRateLimiter;
import dev.herald.server.limits.InProcessPermitHolders;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.RedisException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.time.Clock;

/**
 * What nodes share: rate limits, the live inbox fan-out and cache invalidations. Without {@code herald.redis.url}
 * each lives in this process (one node, the embedded default); with it, in Redis, so every node spends the same
 * budgets, a browser hears its messages whichever node it is connected to, and a change made through one node
 * reaches the caches of all at once.
 */
@Configuration(proxyBeanMethods = false)
class AcrossNodesConfiguration {
    private static final long MAX_LOCAL_BUCKETS = 1_000_000;
    private static final long MAX_LOCAL_PERMIT_HOLDERS = 1_000_000;

    /** One node's own: in-process buckets, fan-out and invalidation. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(WithoutRedis.class)
    static class InProcess {
        @Bean
        RateLimiter rateLimiter(Clock clock) {
            return new BucketRateLimiter(clock, MAX_LOCAL_BUCKETS);
        }

        @Bean
        PermitHolders permitHolders(Clock clock) {
            return new InProcessPermitHolders(clock, MAX_LOCAL_PERMIT_HOLDERS);
        }

        /** Each chain link keeps its own bucket, as before there were shared limits. */
        @Bean
        ProviderRates providerRates() {
            return ProviderRates.OWN;
        }

        @Bean
        InboxFanOut inboxFanOut() {
            return new LocalInboxFanOut();
        }

        @Bean
        CacheInvalidation cacheInvalidation() {
            return new LocalCacheInvalidation();
        }
    }

    /** Shared through Redis. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(WithRedis.class)
    static class ThroughRedis {
        @Bean(destroyMethod = "close")
        RedisConnections redisConnections(RedisProperties properties) {
            if (properties.timeout() == null || properties.timeout().isNegative() || properties.timeout().isZero()) {
                throw new StartupProblem("herald.redis.timeout must be positive",
                        "set herald.redis.timeout to how long one Redis command may take, e.g. 2s");
            }
            // The URL is never quoted: it may hold the password.
            try {
                return RedisConnections.open(properties.url().strip(), properties.timeout());
            } catch (IllegalArgumentException e) {
                throw new StartupProblem("herald.redis.url is not a Redis URL",
                        "write it as redis://host:6379 (redis://:password@host:6379/0 with a password, rediss:// "
                                + "for TLS), or remove herald.redis.url to keep limits, caches and live inboxes "
                                + "per node", e);
            } catch (RedisException e) {
                throw new StartupProblem("Redis at herald.redis.url cannot be reached or refused the connection ("
                        + FailureKind.of(e) + ")",
                        "start Redis, or correct the host, port, password or database in herald.redis.url, or "
                                + "remove herald.redis.url to keep limits, caches and live inboxes per node", e);
            }
        }

        /**
         * While Redis cannot answer, this node's own buckets decide (counted as herald.redis.limit.fallback): the
         * limit then holds per node rather than for all together, and no request fails for it.
         */
        @Bean
        RateLimiter rateLimiter(RedisConnections redis, Clock clock, MeterRegistry registry) {
            RedisRateLimiter limiter = new RedisRateLimiter(redis, clock,
                    new BucketRateLimiter(clock, MAX_LOCAL_BUCKETS));
            FunctionCounter.builder("herald.redis.limit.fallback", limiter, RedisRateLimiter::fallbackAnswers)
                    .description("rate-limit answers given by this node's own buckets because Redis could not "
                            + "answer")
                    .register(registry);
            return limiter;
        }

        /** A delivery granted a permit on one node is not counted again when another node claims it again. */
        @Bean
        PermitHolders permitHolders(RedisConnections redis, Clock clock) {
            return new RedisPermitHolders(redis, clock, new InProcessPermitHolders(clock, MAX_LOCAL_PERMIT_HOLDERS));
        }

        /** A provider's rate is its account's: every node takes permits from one bucket per provider. */
        @Bean
        ProviderRates providerRates(RateLimiter rateLimiter) {
            return ProviderRates.sharedBy(rateLimiter);
        }

        @Bean(destroyMethod = "close")
        RedisInboxFanOut inboxFanOut(RedisConnections redis) {
            return new RedisInboxFanOut(redis);
        }

        @Bean
        CacheInvalidation cacheInvalidation(RedisConnections redis) {
            return new RedisCacheInvalidation(redis);
        }
    }

    static final class WithRedis implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("herald.redis.url"));
        }
    }

    static final class WithoutRedis implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("herald.redis.url"));
        }
    }
}
