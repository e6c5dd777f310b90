package dev.herald.server.console;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in browser: the API key it signed in with (by id, never the key itself), the tenant whose data it sees
 * (the key's own, or another one the operator switched to), when the session ends, and the CSRF token its pages carry.
 */
public record ConsoleSession(UUID keyId, TenantId keyTenant, TenantId viewing, Instant expiresAt, String csrf) {
}
