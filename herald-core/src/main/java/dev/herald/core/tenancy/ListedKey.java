package dev.herald.core.tenancy;

import java.time.Instant;

/** A tenant's key as its admins list it; {@code lastUsedAt} lags by up to one flush of the usage batch. */
public record ListedKey(ApiKey key, Instant lastUsedAt) {
}
