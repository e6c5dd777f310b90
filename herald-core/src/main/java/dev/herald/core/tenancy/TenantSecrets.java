package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.util.Optional;

/**
 * Port: per-tenant signing keys, per purpose. A purpose's first key is made on first use; a purpose whose tokens
 * expire may be given newer keys ({@link SigningKeyRotation}): the newest signs, every key not retired verifies, so
 * what was signed before a rotation keeps working until its key is retired.
 */
public interface TenantSecrets {
    /** The key that signs now, the first one made if the tenant has none yet for this purpose. */
    SigningKey current(TenantId tenant, String purpose);

    /**
     * The secret of key {@code keyId} if it exists and is not retired. Checking a token must never create one (a
     * forged tenant would write a row).
     */
    Optional<byte[]> find(TenantId tenant, String purpose, int keyId);

    /** The current key's secret, for purposes whose signatures carry no key number (they are never rotated). */
    default byte[] secret(TenantId tenant, String purpose) {
        return current(tenant, purpose).secret();
    }
}
