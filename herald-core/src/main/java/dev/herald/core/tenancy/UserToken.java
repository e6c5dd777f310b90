package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Instant;

/** Who an end-user token speaks for, and until when. */
public record UserToken(TenantId tenant, String userId, Instant expiresAt) {
}
