package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.KeyOrigin;
import dev.herald.core.tenancy.ListedKey;
import dev.herald.core.tenancy.PresentedKey;
import dev.herald.core.tenancy.Scope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Tenants and their hashed API keys, and the access version every revocation moves on. */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "k.id, k.tenant_id, k.name, k.key_hash, k.prefix, k.scopes, k.origin, "
            + "k.created_at, k.expires_at";
    static final RowMapper<ApiKey> KEY = (rs, i) -> new ApiKey(Sql.uuid(rs, "id"), new TenantId(rs.getString("tenant_id")),
            rs.getString("name"), rs.getString("key_hash"), rs.getString("prefix"), scopes(rs.getString("scopes")),
            KeyOrigin.valueOf(rs.getString("origin")), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"));
    private static final String MOVE_ACCESS_VERSION = "UPDATE access_version SET version = version + 1 WHERE id = 1";

    private final JdbcClient client;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public JdbcApiKeyStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.client = JdbcClient.create(jdbc);
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void ensureTenant(TenantId tenant, String name) {
        boolean exists = client.sql("SELECT COUNT(*) FROM tenant WHERE id = ?").param(tenant.value())
                .query(Long.class).single() > 0;
        if (!exists) {
            try {
                client.sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)")
                        .params(tenant.value(), name, Sql.ts(clock.instant())).update();
            } catch (DuplicateKeyException raced) {
                // Created by another node starting at the same time: that is what we wanted.
            }
        }
    }

    @Override
    public void save(ApiKey key) {
        insert(client, key);
    }

    static void insert(JdbcClient client, ApiKey key) {
        client.sql("""
                        INSERT INTO api_key (id, tenant_id, name, key_hash, prefix, scopes, origin, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.id(), key.tenant().value(), Sql.text(key.name()), key.keyHash(), Sql.text(key.prefix()),
                        key.scopes().stream().map(Scope::name).sorted().collect(Collectors.joining(",")),
                        key.origin().name(), Sql.ts(key.createdAt()), Sql.ts(key.expiresAt()))
                .update();
    }

    @Override
    public Optional<PresentedKey> findByHash(String keyHash) {
        return client.sql("SELECT " + COLUMNS + ", k.revoked_at, t.suspended FROM api_key k "
                        + "JOIN tenant t ON t.id = k.tenant_id WHERE k.key_hash = ?")
                .param(keyHash)
                .query((rs, i) -> new PresentedKey(KEY.mapRow(rs, i), Sql.instant(rs, "revoked_at"),
                        rs.getBoolean("suspended")))
                .optional();
    }

    @Override
    public boolean hasAdminKey(TenantId tenant) {
        return client.sql("SELECT scopes FROM api_key WHERE tenant_id = ? AND revoked_at IS NULL")
                .param(tenant.value())
                .query(String.class).list().stream().anyMatch(s -> scopes(s).contains(Scope.ADMIN));
    }

    @Override
    public boolean saveIfNoAdminKey(ApiKey key) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            // The tenant's row is the lock: a second node starting now waits here and then sees this key.
            client.sql("SELECT id FROM tenant WHERE id = ? FOR UPDATE").param(key.tenant().value())
                    .query(String.class).list();
            if (hasAdminKey(key.tenant())) {
                return false;
            }
            insert(client, key);
            return true;
        }));
    }

    @Override
    public List<ListedKey> list(TenantId tenant, int max) {
        return client.sql("SELECT " + COLUMNS + ", k.last_used_at FROM api_key k "
                        + "WHERE k.tenant_id = ? AND k.revoked_at IS NULL ORDER BY k.created_at, k.id LIMIT ?")
                .params(tenant.value(), max)
                .query((rs, i) -> new ListedKey(KEY.mapRow(rs, i), Sql.instant(rs, "last_used_at")))
                .list();
    }

    @Override
    public Optional<ApiKey> find(TenantId tenant, UUID id) {
        return client.sql("SELECT " + COLUMNS + " FROM api_key k WHERE k.tenant_id = ? AND k.id = ? "
                        + "AND k.revoked_at IS NULL")
                .params(tenant.value(), id).query(KEY).optional();
    }

    @Override
    public boolean revoke(TenantId tenant, UUID id, Instant at) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int revoked = client.sql("UPDATE api_key SET revoked_at = ? WHERE tenant_id = ? AND id = ? "
                            + "AND revoked_at IS NULL")
                    .params(Sql.ts(at), tenant.value(), id).update();
            if (revoked > 0) {
                moveAccessVersion(client);
            }
            return revoked > 0;
        }));
    }

    @Override
    public int revokeConfiguredExcept(TenantId tenant, String keyHash, Instant at) {
        Integer revoked = tx.execute(status -> {
            int count = client.sql("UPDATE api_key SET revoked_at = ? WHERE tenant_id = ? AND origin = ? "
                            + "AND key_hash <> ? AND revoked_at IS NULL")
                    .params(Sql.ts(at), tenant.value(), KeyOrigin.CONFIGURED.name(), keyHash).update();
            if (count > 0) {
                moveAccessVersion(client);
            }
            return count;
        });
        return revoked == null ? 0 : revoked;
    }

    @Override
    public void recordUse(Map<UUID, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(lastUsed.size());
        lastUsed.forEach((id, at) -> rows.add(new Object[]{Sql.ts(at), id, Sql.ts(at)}));
        jdbc.batchUpdate("UPDATE api_key SET last_used_at = ? WHERE id = ? "
                + "AND (last_used_at IS NULL OR last_used_at < ?)", rows);
    }

    @Override
    public long accessVersion() {
        return client.sql("SELECT version FROM access_version WHERE id = 1").query(Long.class).single();
    }

    static void moveAccessVersion(JdbcClient client) {
        client.sql(MOVE_ACCESS_VERSION).update();
    }

    private static Set<Scope> scopes(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(Scope::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }
}
