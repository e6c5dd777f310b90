package dev.herald.server.types;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.model.TenantId;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;
import dev.herald.core.types.TypeStore;

import java.time.Duration;
import java.util.Optional;

/**
 * Type rules for the hot path: read once, then served from memory. A change through this node's API takes effect
 * at once; another node's change after at most the cache's lifetime (30 s), until changes are broadcast.
 */
public final class CachedTypeCatalog implements TypeCatalog {
    private record Key(TenantId tenant, String type) {
    }

    private final TypeStore store;
    private final Cache<Key, Optional<NotificationType>> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    public CachedTypeCatalog(TypeStore store) {
        this.store = store;
    }

    @Override
    public Optional<NotificationType> find(TenantId tenant, String type) {
        return cache.get(new Key(tenant, type), k -> store.find(k.tenant(), k.type()));
    }

    public void changed(TenantId tenant, String type) {
        cache.invalidate(new Key(tenant, type));
    }
}
