package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Instant;

/**
 * Port: console sessions signed out before they expired, so a copied session cookie is refused on every node. A
 * session is named by a hash of its nonce (never the token); a sign-out is kept until the session would have
 * expired, and moves the access version on so every node's cached answer about the session is asked again.
 */
public interface SignedOutSessions {
    /**
     * Records the session of the key's tenant as signed out until {@code expiresAt}; signing it out again changes
     * nothing. Sign-outs of sessions that expired before {@code now} are forgotten on the way.
     */
    void signOut(TenantId tenant, String sessionHash, Instant expiresAt, Instant now);

    /** Whether the tenant's session was signed out (and not yet forgotten). */
    boolean isSignedOut(TenantId tenant, String sessionHash);
}
