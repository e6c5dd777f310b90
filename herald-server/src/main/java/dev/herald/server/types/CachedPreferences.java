package dev.herald.server.types;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.model.TenantId;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.preferences.Preferences;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users' preferences for intake, from memory: every notification reads its recipients' choices. A change through
 * this node takes effect at once; another node's after at most 30 s.
 */
public final class CachedPreferences implements PreferenceStore {
    private record Key(TenantId tenant, String userId) {
    }

    private final PreferenceStore store;
    // Bumped by every write: a bulk load that started before a write must not put the old answer back.
    private final AtomicLong writes = new AtomicLong();
    private final Cache<Key, Optional<Preferences>> cache = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    public CachedPreferences(PreferenceStore store) {
        this.store = store;
    }

    @Override
    public void put(TenantId tenant, Preferences preferences) {
        writes.incrementAndGet();
        store.put(tenant, preferences);
        writes.incrementAndGet();
        cache.invalidate(new Key(tenant, preferences.userId()));
    }

    /** Drops what this node remembers of the user (deleted with their preferences in the store). */
    public void forget(TenantId tenant, String userId) {
        writes.incrementAndGet();
        cache.invalidate(new Key(tenant, userId));
    }

    /** What the database holds now, past this node's memory: what an audited change compares against. */
    public Optional<Preferences> findStored(TenantId tenant, String userId) {
        return store.find(tenant, userId);
    }

    @Override
    public Optional<Preferences> find(TenantId tenant, String userId) {
        return cache.get(new Key(tenant, userId), k -> store.find(k.tenant(), k.userId()));
    }

    @Override
    public Map<String, Preferences> findAll(TenantId tenant, Collection<String> userIds) {
        Map<String, Preferences> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : userIds) {
            Optional<Preferences> cached = cache.getIfPresent(new Key(tenant, id));
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
                    cache.put(new Key(tenant, id), value);
                }
                value.ifPresent(p -> found.put(id, p));
            }
        }
        return found;
    }
}
