package dev.herald.server.templates;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.model.TenantId;
import dev.herald.core.templates.TemplateKey;
import dev.herald.core.templates.TemplateStore;
import dev.herald.core.templates.TemplateVersion;
import dev.herald.server.cache.NodeCache;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Active templates for intake, from memory: every notification looks up one per channel and locale (with fallbacks),
 * so the store is read once and then only when a template changes: through any node, announced to every node at once
 * ({@link CacheInvalidation}), or after 30 s when a node missed the announcement.
 */
public final class CachedTemplates implements TemplateStore {
    /** The name template changes are announced under. */
    public static final String CACHE = "templates";

    private record Key(TenantId tenant, TemplateKey key) {
        String text() {
            return NodeCache.key(tenant, key.type(), key.channel().name(), key.locale());
        }
    }

    private final TemplateStore store;
    private final NodeCache<Key, Optional<TemplateVersion>> active;

    public CachedTemplates(TemplateStore store, CacheInvalidation invalidation) {
        this.store = store;
        this.active = new NodeCache<>(CACHE, k -> store.active(k.tenant(), k.key()), Key::text, invalidation);
    }

    @Override
    public TemplateVersion createVersion(TenantId tenant, TemplateKey key, String subject, String text, String html,
                                         Instant at) {
        TemplateVersion created = store.createVersion(tenant, key, subject, text, html, at);
        active.forget(new Key(tenant, key));
        return created;
    }

    /**
     * Forgets the key's active version again once the change is committed: a reader between the store's write and
     * the commit of a surrounding transaction may have loaded the old one back.
     */
    public void changed(TenantId tenant, TemplateKey key) {
        active.forget(new Key(tenant, key));
    }

    @Override
    public List<TemplateVersion> versions(TenantId tenant, TemplateKey key) {
        return store.versions(tenant, key);
    }

    @Override
    public Optional<TemplateVersion> active(TenantId tenant, TemplateKey key) {
        return active.get(new Key(tenant, key));
    }

    @Override
    public boolean activate(TenantId tenant, TemplateKey key, int version) {
        boolean done = store.activate(tenant, key, version);
        active.forget(new Key(tenant, key));
        return done;
    }
}
