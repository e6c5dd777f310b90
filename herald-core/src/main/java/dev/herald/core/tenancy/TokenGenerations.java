package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

/**
 * Port: each user's token generation. It is part of every user token and moves on when the user is deleted, so
 * tokens issued before no longer verify, even once a user with the same id exists again.
 */
@FunctionalInterface
public interface TokenGenerations {
    /** The current generation; 0 for a user whose tokens were never retired. */
    long current(TenantId tenant, String userId);
}
