package dev.herald.core.unsubscribe;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

import java.time.Instant;

/** What a verified unsubscribe link speaks for: one user of one tenant, one type on one channel, until when. */
public record UnsubscribeToken(TenantId tenant, String userId, String type, Channel channel, Instant expiresAt) {
}
