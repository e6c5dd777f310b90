package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.util.Set;
import java.util.UUID;

/** Who is calling: the tenant every read and write is scoped to, and what the key allows. */
public record Caller(TenantId tenant, UUID keyId, Set<Scope> scopes) {
    public boolean may(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
}
