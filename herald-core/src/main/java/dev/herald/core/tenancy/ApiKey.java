package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A stored API key: only the SHA-256 of the secret is kept, never the secret itself. {@code prefix} is the first
 * characters of the secret, enough to recognise it in a list ({@code hk_live_AbCd}); null for keys made before
 * prefixes were kept. {@code expiresAt} is null for a key that does not expire.
 */
public record ApiKey(UUID id, TenantId tenant, String name, String keyHash, String prefix, Set<Scope> scopes,
                     KeyOrigin origin, Instant createdAt, Instant expiresAt) {
    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    /** Admin keys of the default tenant are the operator's: they manage tenants and may act on any of them. */
    public boolean isOperator() {
        return tenant.isDefault() && scopes.contains(Scope.ADMIN);
    }
}
