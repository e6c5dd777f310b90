package dev.herald.server.types;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.model.TenantId;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;
import dev.herald.core.types.TypeStore;
import dev.herald.server.cache.NodeCache;

import java.util.Optional;

/**
 * Type rules for the hot path: read once, then served from memory. A change through any node takes effect on every
 * node at once (announced through {@link CacheInvalidation}); one whose announcement a node missed, after at most
 * the cache's lifetime (30 s).
 */
public final class CachedTypeCatalog implements TypeCatalog {
    /** The name type changes are announced under. */
    public static final String CACHE = "types";

    private record Key(TenantId tenant, String type) {
        String text() {
            return NodeCache.key(tenant, type);
        }
    }

    private final NodeCache<Key, Optional<NotificationType>> cache;

    public CachedTypeCatalog(TypeStore store, CacheInvalidation invalidation) {
        this.cache = new NodeCache<>(CACHE, k -> store.find(k.tenant(), k.type()), Key::text, invalidation);
    }

    @Override
    public Optional<NotificationType> find(TenantId tenant, String type) {
        return cache.get(new Key(tenant, type));
    }

    public void changed(TenantId tenant, String type) {
        cache.forget(new Key(tenant, type));
    }
}
