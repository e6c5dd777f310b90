package dev.herald.server.inbound;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.model.TenantId;
import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.InboundSetting;
import dev.herald.core.suppression.InboundSettings;
import dev.herald.server.cache.NodeCache;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a tenant's provider events are checked against: those set through the API
 * ({@code /api/v1/inbound/{provider}}) when it has any, else the operator's {@code herald.inbound.tenants.<id>}.
 * Stored ones are read through a {@link NodeCache}: a change through any node takes effect on every node at once,
 * or after at most 30 s on a node that missed the announcement.
 */
public final class TenantInboundSettings {
    /** The name inbound-settings changes are announced under. */
    public static final String CACHE = "inbound";

    /** Where the settings in use come from. */
    public enum Source { API, CONFIGURATION }

    /** The settings in use and where they come from; {@code updatedAt} only for those set through the API. */
    public record InUse(List<String> values, Source source, Instant updatedAt) {
    }

    private record Key(TenantId tenant, InboundProvider provider) {
        String text() {
            return NodeCache.key(tenant, provider.key());
        }
    }

    private final NodeCache<Key, Optional<InboundSetting>> cache;
    private final Map<InboundProvider, Map<String, List<String>>> configured;

    /** @param configured per provider, per tenant id: the values configuration gives (topic ARNs, the one key) */
    public TenantInboundSettings(InboundSettings store, CacheInvalidation invalidation,
                                 Map<InboundProvider, Map<String, List<String>>> configured) {
        this.cache = new NodeCache<>(CACHE, k -> store.find(k.tenant(), k.provider()), Key::text, invalidation);
        this.configured = Map.copyOf(configured);
    }

    /** The settings the tenant's events of this provider are checked against, if it has any. */
    public Optional<InUse> inUse(String tenant, InboundProvider provider) {
        // The tenant of a callback comes from the path, unchecked: one no tenant could have has no stored settings.
        if (tenant != null && !tenant.isBlank() && tenant.length() <= 64) {
            Optional<InboundSetting> stored = cache.get(new Key(new TenantId(tenant), provider));
            if (stored.isPresent()) {
                return Optional.of(new InUse(stored.get().values(), Source.API, stored.get().updatedAt()));
            }
        }
        List<String> values = configured.getOrDefault(provider, Map.of()).get(tenant);
        return values == null || values.isEmpty() ? Optional.empty()
                : Optional.of(new InUse(values, Source.CONFIGURATION, null));
    }

    /** The values in use, none when the tenant has no settings for the provider. */
    public List<String> values(String tenant, InboundProvider provider) {
        return inUse(tenant, provider).map(InUse::values).orElse(List.of());
    }

    /** This node changed the tenant's settings: every node reads them again. Call after the change committed. */
    public void changed(TenantId tenant, InboundProvider provider) {
        cache.forget(new Key(tenant, provider));
    }
}
