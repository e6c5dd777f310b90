package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.Tenant;
import dev.herald.core.tenancy.TenantStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code tenant} table, and the removal of an empty tenant with its configuration. */
public final class JdbcTenantStore implements TenantStore {
    private static final RowMapper<Tenant> TENANT = (rs, i) -> new Tenant(new TenantId(rs.getString("id")),
            rs.getString("name"), rs.getBoolean("suspended"), Sql.instant(rs, "created_at"));
    /** What a tenant holds that goes with it: configuration and what is left of notifications already purged. */
    private static final List<String> REMOVED_WITH_IT = List.of("api_key", "tenant_signing_key", "notification_type",
            "template_version", "user_preference", "user_token_generation", "device", "inbox_message",
            "sandbox_message", "dedup_key", "dedup_saving", "digest_item", "delivery_stats", "delivery_provider_stats",
            "recent_failure", "integration", "event_dead_letter", "console_session_revocation", "suppression",
            "topic_subscriber", "topic", "broadcast_notification", "broadcast",
            "tenant_inbound");
    /** What keeps a tenant from being removed: the people it reaches and what it sent them. */
    private static final List<String> IN_USE_BY = List.of("app_user", "notification");

    private final JdbcClient client;
    private final TransactionTemplate tx;

    public JdbcTenantStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public boolean create(Tenant tenant, ApiKey firstAdminKey) {
        try {
            tx.executeWithoutResult(status -> {
                client.sql("INSERT INTO tenant (id, name, suspended, created_at) VALUES (?, ?, ?, ?)")
                        .params(tenant.id().value(), Sql.text(tenant.name()), tenant.suspended(),
                                Sql.ts(tenant.createdAt()))
                        .update();
                JdbcApiKeyStore.insert(client, firstAdminKey);
            });
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return client.sql("SELECT id, name, suspended, created_at FROM tenant WHERE id = ?").param(id.value())
                .query(TENANT).optional();
    }

    @Override
    public List<Tenant> list(String afterId, int max) {
        return client.sql("SELECT id, name, suspended, created_at FROM tenant WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId == null ? "" : afterId, max).query(TENANT).list();
    }

    @Override
    public Optional<Tenant> update(TenantId id, Optional<String> name, Optional<Boolean> suspended) {
        return tx.execute(status -> {
            Optional<Tenant> before = client.sql("SELECT id, name, suspended, created_at FROM tenant WHERE id = ? "
                    + "FOR UPDATE").param(id.value()).query(TENANT).optional();
            if (before.isEmpty()) {
                return Optional.<Tenant>empty();
            }
            Tenant after = new Tenant(id, name.orElse(before.get().name()),
                    suspended.orElse(before.get().suspended()), before.get().createdAt());
            client.sql("UPDATE tenant SET name = ?, suspended = ? WHERE id = ?")
                    .params(Sql.text(after.name()), after.suspended(), id.value()).update();
            if (after.suspended() != before.get().suspended()) {
                JdbcApiKeyStore.moveAccessVersion(client);
            }
            return Optional.of(after);
        });
    }

    @Override
    public Removal remove(TenantId id) {
        return tx.execute(status -> {
            if (client.sql("SELECT id FROM tenant WHERE id = ? FOR UPDATE").param(id.value()).query(String.class)
                    .optional().isEmpty()) {
                return Removal.NOT_FOUND;
            }
            for (String table : IN_USE_BY) {
                if (client.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(id.value())
                        .query(Long.class).single() > 0) {
                    return Removal.NOT_EMPTY;
                }
            }
            for (String table : REMOVED_WITH_IT) {
                client.sql("DELETE FROM " + table + " WHERE tenant_id = ?").param(id.value()).update();
            }
            client.sql("DELETE FROM tenant WHERE id = ?").param(id.value()).update();
            JdbcApiKeyStore.moveAccessVersion(client);
            return Removal.REMOVED;
        });
    }

    @Override
    public Set<TenantId> suspended() {
        return client.sql("SELECT id FROM tenant WHERE suspended = TRUE").query(String.class).list().stream()
                .map(TenantId::new).collect(Collectors.toUnmodifiableSet());
    }
}
