package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the tenant every read and write is scoped to, and what the key allows. {@code operator} is an
 * admin key of the default tenant (the installation's); it may manage tenants and act for any of them
 * ({@link #actingFor}), its key id staying its own. {@code expiresAt} is null for a key that does not expire.
 */
public record Caller(TenantId tenant, UUID keyId, Set<Scope> scopes, boolean operator, Instant expiresAt) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public static Caller of(ApiKey key) {
        return new Caller(key.tenant(), key.id(), key.scopes(), key.isOperator(), key.expiresAt());
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The operator acting for another tenant: that tenant's data, the operator's key and rights. */
    public Caller actingFor(TenantId other) {
        if (!operator) {
            throw new IllegalStateException("only the operator acts for another tenant");
        }
        return new Caller(other, keyId, scopes, true, expiresAt);
    }
}
