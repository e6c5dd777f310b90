package dev.herald.core.stats;

import dev.herald.core.model.TenantId;

import java.time.LocalDate;
import java.util.List;

/**
 * The read model of deliveries: counters per tenant, accept day (UTC), channel and type, kept up to date in the
 * same transaction as every status change they count.
 */
public interface DeliveryStats {
    /** The tenant's rows matching the query, by day, channel and type. */
    List<DailyDeliveryStats> daily(TenantId tenant, StatsQuery query);

    /**
     * Sent messages per channel and provider of the deliveries accepted from {@code from} to {@code to} (UTC days,
     * both included), counted in the same transaction as each SENT outcome: what a bill prices per provider.
     */
    List<ProviderSends> sentByProvider(TenantId tenant, LocalDate from, LocalDate to);
}
