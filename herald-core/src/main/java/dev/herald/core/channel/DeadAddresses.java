package dev.herald.core.channel;

import dev.herald.core.model.TenantId;

/**
 * Port: told when a provider says an address can never be reached again (a push token the service dropped), so
 * Herald stops planning deliveries to it. Addresses the caller passes inline are not remembered anywhere and are
 * simply rejected each time.
 */
public interface DeadAddresses {
    void report(TenantId tenant, OutboundMessage message, String reason);

    DeadAddresses IGNORE = (tenant, message, reason) -> { };
}
