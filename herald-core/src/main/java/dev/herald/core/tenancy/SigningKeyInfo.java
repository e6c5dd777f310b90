package dev.herald.core.tenancy;

import java.time.Instant;

/**
 * What may be shown of a signing key: never its secret. {@code current} is the key that signs from now on;
 * {@code retiredAt} is set once the key no longer verifies anything.
 */
public record SigningKeyInfo(String purpose, int id, Instant createdAt, Instant retiredAt, boolean current) {
}
