package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.core.tenancy.TenantSecrets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Signing keys in the {@code tenant_signing_key} table, 32 random bytes each, numbered from 1 per tenant and
 * purpose ({@link JdbcSigningKeyRotation} adds and retires them). Nothing is cached here: keys change when rotated
 * or retired, and the server keeps them per node under the access version that rotating and retiring move. Two
 * nodes making a tenant's first key at once agree on whichever row won.
 */
public final class JdbcTenantSecrets implements TenantSecrets {
    private final JdbcClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JdbcTenantSecrets(JdbcTemplate jdbc, Clock clock) {
        this.client = JdbcClient.create(jdbc);
        this.clock = clock;
    }

    @Override
    public SigningKey current(TenantId tenant, String purpose) {
        Optional<SigningKey> newest = newest(tenant, purpose);
        if (newest.isPresent()) {
            return newest.get();
        }
        try {
            insert(tenant, purpose, 1);
        } catch (DuplicateKeyException lostTheRace) {
            // Another node made it first; use theirs.
        }
        return newest(tenant, purpose).orElseThrow();
    }

    @Override
    public Optional<byte[]> find(TenantId tenant, String purpose, int keyId) {
        return client.sql("SELECT secret FROM tenant_signing_key WHERE tenant_id = ? AND purpose = ? AND key_id = ? "
                        + "AND retired_at IS NULL")
                .params(tenant.value(), purpose, keyId)
                .query((rs, i) -> Base64.getDecoder().decode(rs.getString("secret"))).optional();
    }

    private Optional<SigningKey> newest(TenantId tenant, String purpose) {
        return client.sql("SELECT key_id, secret FROM tenant_signing_key WHERE tenant_id = ? AND purpose = ? "
                        + "ORDER BY key_id DESC LIMIT 1")
                .params(tenant.value(), purpose)
                .query((rs, i) -> new SigningKey(rs.getInt("key_id"),
                        Base64.getDecoder().decode(rs.getString("secret"))))
                .optional();
    }

    /** Writes key {@code keyId} with a fresh secret; a {@link DuplicateKeyException} if the number is taken. */
    void insert(TenantId tenant, String purpose, int keyId) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        client.sql("INSERT INTO tenant_signing_key (tenant_id, purpose, key_id, secret, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(tenant.value(), purpose, keyId, Base64.getEncoder().encodeToString(fresh),
                        Sql.ts(clock.instant()))
                .update();
    }
}
