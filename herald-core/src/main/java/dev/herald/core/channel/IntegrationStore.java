package dev.herald.core.channel;

import dev.herald.core.model.TenantId;

import java.util.List;
import java.util.Optional;

/** Port: the providers each tenant brought itself ({@link Integration}), one row per (tenant, name). */
public interface IntegrationStore {
    /**
     * Creates or replaces the tenant's integration of that name; the stored version is one more than the one it
     * replaces (1 when new), whatever {@code integration.version()} says. True when it was created.
     */
    boolean put(Integration integration);

    Optional<Integration> find(TenantId tenant, String name);

    /** The tenant's integrations, by order and then name. */
    List<Integration> list(TenantId tenant);

    /** False when there was none. */
    boolean delete(TenantId tenant, String name);

    /**
     * Seals an integration's secrets again (key rotation) if it is still at {@code expectedVersion}; a write in
     * between wins (it was sealed with the current key anyway). True when replaced.
     */
    boolean reseal(Integration resealed, long expectedVersion);

    /** The operator's view across tenants: at most {@code limit} integrations sealed under a key other than this. */
    List<Integration> sealedWithOtherKey(String keyId, int limit);

    /** Whether any tenant has an integration (the operator's start-up check). */
    boolean anyStored();
}
