package dev.herald.core.audit;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit entries to list. A tenant's admin sees its own tenant ({@link #ofTenant}); the operator, who manages
 * every tenant, sees all of them ({@link #everyTenant}). {@code from} is inclusive, {@code to} exclusive; null
 * bounds and a null action do not filter.
 */
public record AuditQuery(Optional<TenantId> tenant, Instant from, Instant to, AuditAction action) {
    public static AuditQuery ofTenant(TenantId tenant, Instant from, Instant to, AuditAction action) {
        return new AuditQuery(Optional.of(tenant), from, to, action);
    }

    public static AuditQuery everyTenant(Instant from, Instant to, AuditAction action) {
        return new AuditQuery(Optional.empty(), from, to, action);
    }
}
