package dev.herald.core.stats;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * The tenant's recent FAILED and DEAD deliveries, recorded in the same transaction as the change that failed them
 * (at intake, by an outcome or by a receipt), so listing them never scans the delivery table. The list is history:
 * a dead letter replayed and sent afterwards stays listed, with its current status beside it.
 */
public interface RecentFailures {
    /** Up to {@code limit} failures newest first, after the cursor {@code before} when given. */
    RecentFailurePage list(TenantId tenant, int limit, UUID before);

    /** Forgets up to {@code max} failures (every tenant's) recorded before {@code cutoff}; returns how many went. */
    int forgetBefore(Instant cutoff, int max);
}
