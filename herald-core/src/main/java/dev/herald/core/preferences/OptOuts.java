package dev.herald.core.preferences;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

/**
 * Port: whether a user has opted out of a channel now, or of a type by that channel. Asked again right before each
 * send, because a delivery accepted earlier (scheduled, deferred by quiet hours, held by a workflow step, queued
 * behind a broadcast, retried, replayed) must not reach someone who said stop — a one-click unsubscribe included.
 */
@FunctionalInterface
public interface OptOuts {
    /**
     * @param typeChoices whether the user's per-type choices apply (not for critical notifications: only a channel
     *                    opted out of altogether stops those)
     */
    boolean optedOut(TenantId tenant, String userId, String type, Channel channel, boolean typeChoices);

    OptOuts NONE = (tenant, userId, type, channel, typeChoices) -> false;
}
