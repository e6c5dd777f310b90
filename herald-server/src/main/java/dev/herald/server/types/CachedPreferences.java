package dev.herald.server.types;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.model.TenantId;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.preferences.Preferences;
import dev.herald.server.cache.NodeCache;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users' preferences for intake, from memory: every notification reads its recipients' choices. A change through
 * any node takes effect on every node at once (announced through {@link CacheInvalidation}); one whose announcement
 * a node missed, after at most 30 s.
 */
public final class CachedPreferences implements PreferenceStore {
    /** The name preference changes are announced under. */
    public static final String CACHE = "preferences";


    private final PreferenceStore store;
    // Bumped by every write: a bulk load that started before a write must not put the old answer back.
    private final AtomicLong writes = new AtomicLong();
    private final Cache<String, Optional<Preferences>> cache = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterWrite(NodeCache.LIFETIME).build();
    private final CacheInvalidation invalidation;

    public CachedPreferences(PreferenceStore store, CacheInvalidation invalidation) {
        this.store = store;
        this.invalidation = invalidation;
        invalidation.subscribe(CACHE, key -> {
            writes.incrementAndGet();
            cache.invalidate(key);
        });
    }

    private static String key(TenantId tenant, String userId) {
        return NodeCache.key(tenant, userId);
    }

    private void changed(TenantId tenant, String userId) {
        String key = key(tenant, userId);
        cache.invalidate(key);
        invalidation.publish(CACHE, key);
    }

    @Override
    public void put(TenantId tenant, Preferences preferences) {
        writes.incrementAndGet();
        store.put(tenant, preferences);
        writes.incrementAndGet();
        changed(tenant, preferences.userId());
    }

    /** Drops what this node remembers of the user (deleted with their preferences in the store). */
    public void forget(TenantId tenant, String userId) {
        writes.incrementAndGet();
        changed(tenant, userId);
    }

    /** What the database holds now, past this node's memory: what an audited change compares against. */
    public Optional<Preferences> findStored(TenantId tenant, String userId) {
        return store.find(tenant, userId);
    }

    @Override
    public Optional<Preferences> find(TenantId tenant, String userId) {
        return cache.get(key(tenant, userId), k -> store.find(tenant, userId));
    }

    @Override
    public Map<String, Preferences> findAll(TenantId tenant, Collection<String> userIds) {
        Map<String, Preferences> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : userIds) {
            Optional<Preferences> cached = cache.getIfPresent(key(tenant, id));
            if (cached == null) {
                missing.add(id);
            } else {
                cached.ifPresent(p -> found.put(id, p));
            }
        }
        if (!missing.isEmpty()) {
            long before = writes.get();
            Map<String, Preferences> loaded = store.findAll(tenant, missing);
            boolean unchanged = writes.get() == before;
            for (String id : missing) {
                Optional<Preferences> value = Optional.ofNullable(loaded.get(id));
                if (unchanged) {
                    cache.put(key(tenant, id), value);
                }
                value.ifPresent(p -> found.put(id, p));
            }
        }
        return found;
    }
}
