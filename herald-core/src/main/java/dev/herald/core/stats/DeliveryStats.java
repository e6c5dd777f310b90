package dev.herald.core.stats;

import dev.herald.core.model.TenantId;

import java.util.List;

/**
 * The read model of deliveries: counters per tenant, accept day (UTC), channel and type, kept up to date in the
 * same transaction as every status change they count.
 */
public interface DeliveryStats {
    /** The tenant's rows matching the query, by day, channel and type. */
    List<DailyDeliveryStats> daily(TenantId tenant, StatsQuery query);
}
