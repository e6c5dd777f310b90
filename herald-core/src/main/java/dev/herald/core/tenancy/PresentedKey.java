package dev.herald.core.tenancy;

import java.time.Instant;

/** A key found by the hash of what a caller presented, with what decides whether it may be used now. */
public record PresentedKey(ApiKey key, Instant revokedAt, boolean tenantSuspended) {
}
