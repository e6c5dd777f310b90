package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Port: API keys by hash, the tenants they belong to, and the access version that tells nodes to drop cached keys. */
public interface ApiKeyStore {
    void ensureTenant(TenantId tenant, String name);

    void save(ApiKey key);

    /** The key with this hash, revoked or not, with its tenant's suspension. */
    Optional<PresentedKey> findByHash(String keyHash);

    /** Whether the tenant has an admin key that is not revoked. */
    boolean hasAdminKey(TenantId tenant);

    /**
     * Saves the key unless its tenant already has an admin key that is not revoked, deciding under a lock on the
     * tenant's row so two nodes starting at once make one key between them.
     *
     * @return whether the key was saved
     */
    boolean saveIfNoAdminKey(ApiKey key);

    /** The tenant's keys that are not revoked, oldest first, at most {@code max}. */
    List<ListedKey> list(TenantId tenant, int max);

    /** The tenant's key with this id, if it is not revoked. */
    Optional<ApiKey> find(TenantId tenant, UUID id);

    /**
     * Revokes the tenant's key and moves the access version on, in one transaction.
     *
     * @return false when the tenant has no such key that is not revoked yet
     */
    boolean revoke(TenantId tenant, UUID id, Instant at);

    /**
     * Revokes the tenant's {@link KeyOrigin#CONFIGURED} keys other than the one with this hash (the setting changed),
     * moving the access version on when there were any.
     *
     * @return how many were revoked
     */
    int revokeConfiguredExcept(TenantId tenant, String keyHash, Instant at);

    /** Records when keys were last used, a batch at a time; an older time never overwrites a newer one. */
    void recordUse(Map<UUID, Instant> lastUsed);

    /** The access version: moves on with every revocation, suspension and removal of a tenant. */
    long accessVersion();
}
