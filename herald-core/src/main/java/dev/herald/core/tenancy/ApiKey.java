package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored API key: only the SHA-256 of the secret is kept, never the secret itself. */
public record ApiKey(UUID id, TenantId tenant, String name, String keyHash, Set<Scope> scopes, Instant createdAt) {
    public ApiKey {
        scopes = Set.copyOf(scopes);
    }
}
