package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Instant;

/** A tenant: a suspended one's keys are refused and its deliveries wait until it is resumed. */
public record Tenant(TenantId id, String name, boolean suspended, Instant createdAt) {
}
