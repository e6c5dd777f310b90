package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.util.Optional;

/** Port: per-tenant signing secrets, one per purpose, created on first use and then stable. */
public interface TenantSecrets {
    /** The secret, created now if the tenant has none yet for this purpose. */
    byte[] secret(TenantId tenant, String purpose);

    /** The secret if it exists; checking a token must never create one (a forged tenant would write a row). */
    Optional<byte[]> find(TenantId tenant, String purpose);
}
