package dev.herald.server.types;

import dev.herald.core.model.TenantId;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;
import dev.herald.core.types.TypeStore;
import dev.herald.server.cache.NodeCache;

import java.util.Optional;

/**
 * Type rules for the hot path: read once, then served from memory. A change through this node's API takes effect
 * at once; another node's change after at most the cache's lifetime (30 s), until changes are broadcast.
 */
public final class CachedTypeCatalog implements TypeCatalog {
    private record Key(TenantId tenant, String type) {
    }

    private final NodeCache<Key, Optional<NotificationType>> cache;

    public CachedTypeCatalog(TypeStore store) {
        this.cache = new NodeCache<>(k -> store.find(k.tenant(), k.type()));
    }

    @Override
    public Optional<NotificationType> find(TenantId tenant, String type) {
        return cache.get(new Key(tenant, type));
    }

    public void changed(TenantId tenant, String type) {
        cache.forget(new Key(tenant, type));
    }
}
