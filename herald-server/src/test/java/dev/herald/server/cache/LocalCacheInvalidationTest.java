package dev.herald.server.cache;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.cache.LocalCacheInvalidation;
import dev.herald.testkit.CacheInvalidationContract;

/** The cache-invalidation contract in one process (one node: both "nodes" are the same instance). */
class LocalCacheInvalidationTest extends CacheInvalidationContract {
    private final LocalCacheInvalidation invalidation = new LocalCacheInvalidation();

    @Override
    protected CacheInvalidation node(int index) {
        return invalidation;
    }
}
