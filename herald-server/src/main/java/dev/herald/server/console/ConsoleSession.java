package dev.herald.server.console;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in browser: the API key it signed in with (by id, never the key itself), the tenant whose data it sees
 * (the key's own, or another one the operator switched to), when the session ends, the CSRF token its pages carry,
 * and its hash: a SHA-256 of the session's nonce, what a sign-out records (the same for every tenant it views).
 */
public record ConsoleSession(UUID keyId, TenantId keyTenant, TenantId viewing, Instant expiresAt, String csrf,
                             String hash) {
}
