package dev.herald.core.preferences;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

/**
 * Port: whether a user has opted out of a channel now. Asked again right before each send, because a delivery
 * accepted earlier (scheduled, deferred by quiet hours, retried, replayed) must not reach someone who said stop.
 */
@FunctionalInterface
public interface OptOuts {
    boolean optedOut(TenantId tenant, String userId, Channel channel);

    OptOuts NONE = (tenant, userId, channel) -> false;
}
