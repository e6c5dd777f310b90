package dev.herald.core.cache;

import java.util.function.Consumer;

/**
 * Port: tells every node that a cached value changed, so each drops its copy (types, templates, preferences, revoked
 * API keys). The embedded implementation reaches only this process ({@link LocalCacheInvalidation}); the Redis one
 * (herald-redis) every node, at most once: a node that misses a message (disconnected at that moment) keeps its copy
 * until the cache's own lifetime ends it, so a cache using this port must still expire on its own.
 */
public interface CacheInvalidation {
    /** Announces that {@code key} of {@code cache} changed; returns once it is sent, not once it is heard. */
    void publish(String cache, String key);

    /** Calls {@code onChanged} with the key of every change announced for {@code cache}, by any node, this one too. */
    Subscription subscribe(String cache, Consumer<String> onChanged);

    /** Stops the calls; closing twice does nothing. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
