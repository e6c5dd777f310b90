package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.util.Optional;

/** Port: API keys by hash, and the tenants they belong to. */
public interface ApiKeyStore {
    void ensureTenant(TenantId tenant, String name);

    void save(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    boolean hasAdminKey(TenantId tenant);
}
