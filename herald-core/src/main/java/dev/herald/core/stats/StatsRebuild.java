package dev.herald.core.stats;

import dev.herald.core.model.TenantId;

/** Recomputes a tenant's read model from the delivery table and its status history (an operator's repair). */
public interface StatsRebuild {
    /** Replaces the tenant's {@link DeliveryStats} rows with counts replayed from history; returns the rows written. */
    int rebuild(TenantId tenant);
}
