package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKeyInfo;
import dev.herald.core.tenancy.SigningKeyRotation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Rotates and retires the keys {@link JdbcTenantSecrets} reads, each in one transaction with a move of the access
 * version, so every node drops the keys it remembered. Two rotations at once both succeed, with the next numbers.
 */
public final class JdbcSigningKeyRotation implements SigningKeyRotation {
    private static final String MOVE_ACCESS_VERSION = "UPDATE access_version SET version = version + 1 WHERE id = 1";
    private static final int ROTATE_TRIES = 5;

    private final JdbcClient client;
    private final TransactionTemplate tx;
    private final JdbcTenantSecrets secrets;
    private final Clock clock;

    public JdbcSigningKeyRotation(JdbcTemplate jdbc, TransactionTemplate tx, JdbcTenantSecrets secrets, Clock clock) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public List<SigningKeyInfo> keys(TenantId tenant, String purpose) {
        List<SigningKeyInfo> keys = client.sql("SELECT key_id, created_at, retired_at FROM tenant_signing_key "
                        + "WHERE tenant_id = ? AND purpose = ? ORDER BY key_id")
                .params(tenant.value(), purpose)
                .query((rs, i) -> new SigningKeyInfo(purpose, rs.getInt("key_id"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "retired_at"), false)).list();
        // The newest key is the current one: it cannot be retired, so it is always live.
        int newest = keys.isEmpty() ? 0 : keys.getLast().id();
        return keys.stream().map(k -> k.id() != newest ? k
                : new SigningKeyInfo(purpose, k.id(), k.createdAt(), k.retiredAt(), true)).toList();
    }

    @Override
    public SigningKeyInfo rotate(TenantId tenant, String purpose) {
        for (int tried = 1; ; tried++) {
            try {
                Integer made = tx.execute(status -> {
                    int id = newestId(tenant, purpose) + 1;
                    secrets.insert(tenant, purpose, id);
                    client.sql(MOVE_ACCESS_VERSION).update();
                    return id;
                });
                return keys(tenant, purpose).stream().filter(k -> k.id() == made).findFirst().orElseThrow();
            } catch (DuplicateKeyException rotatedMeanwhile) {
                // Another rotation took the number; take the next one.
                if (tried == ROTATE_TRIES) {
                    throw rotatedMeanwhile;
                }
            }
        }
    }

    @Override
    public Retirement retire(TenantId tenant, String purpose, int keyId) {
        return tx.execute(status -> {
            if (newestId(tenant, purpose) == keyId) {
                return new Retirement.Current();
            }
            int retired = client.sql("UPDATE tenant_signing_key SET retired_at = ? WHERE tenant_id = ? AND purpose = ? "
                            + "AND key_id = ? AND retired_at IS NULL")
                    .params(Sql.ts(clock.instant()), tenant.value(), purpose, keyId).update();
            if (retired == 0) {
                return new Retirement.Unknown();
            }
            client.sql(MOVE_ACCESS_VERSION).update();
            return keys(tenant, purpose).stream().filter(k -> k.id() == keyId).findFirst()
                    .<Retirement>map(Retirement.Retired::new).orElseThrow();
        });
    }

    /** The newest key's number, 0 when the tenant has none for the purpose. */
    private int newestId(TenantId tenant, String purpose) {
        return client.sql("SELECT MAX(key_id) FROM tenant_signing_key WHERE tenant_id = ? AND purpose = ?")
                .params(tenant.value(), purpose).query((rs, i) -> rs.getInt(1)).single();
    }
}
