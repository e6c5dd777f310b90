package dev.herald.redis;

import dev.herald.core.cache.CacheInvalidation;

import java.util.function.Consumer;

/**
 * Cache invalidation across nodes through Redis pub/sub, one channel per cache ({@code herald:cache:<name>}). At most
 * once: a node that was disconnected when a change was announced keeps its copy until the cache's own lifetime (30 s)
 * ends it; a publish that fails is logged and the other nodes learn of the change the same way.
 */
public final class RedisCacheInvalidation implements CacheInvalidation {
    private final RedisConnections redis;
    private final String prefix;

    public RedisCacheInvalidation(RedisConnections redis) {
        this(redis, "herald:cache:");
    }

    /** @param prefix the channels' prefix; deployments sharing one Redis give each its own */
    public RedisCacheInvalidation(RedisConnections redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public void publish(String cache, String key) {
        redis.publish(prefix + cache, key);
    }

    @Override
    public Subscription subscribe(String cache, Consumer<String> onChanged) {
        Runnable stop = redis.listen(prefix + cache, onChanged);
        return stop::run;
    }
}
