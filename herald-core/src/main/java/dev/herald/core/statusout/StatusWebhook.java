package dev.herald.core.statusout;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's endpoint for status events: every published status change of the tenant's deliveries whose status
 * and type pass the filters (an empty filter passes everything) is posted to {@code url}, signed with
 * {@code secret} ({@code whsec_…}, Standard Webhooks). {@code disabledAt} is set when the endpoint answered 410.
 */
public record StatusWebhook(UUID id, TenantId tenant, String url, Set<DeliveryStatus> statuses, Set<String> types,
                            String secret, Instant createdAt, Instant disabledAt, String disabledReason) {

    public StatusWebhook {
        statuses = Set.copyOf(statuses);
        types = Set.copyOf(types);
    }

    public boolean matches(StatusEvent event) {
        return disabledAt == null && event.tenant().equals(tenant)
                && (statuses.isEmpty() || statuses.contains(event.status()))
                && (types.isEmpty() || types.contains(event.type()));
    }
}
