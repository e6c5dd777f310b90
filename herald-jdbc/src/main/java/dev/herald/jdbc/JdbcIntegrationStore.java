package dev.herald.jdbc;

import dev.herald.core.channel.Integration;
import dev.herald.core.channel.IntegrationStore;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Tenants' own providers in the {@code integration} table; the secrets arrive sealed and are stored as they are. */
public final class JdbcIntegrationStore implements IntegrationStore {
    private static final RowMapper<Integration> ROW = (rs, i) -> new Integration(
            new TenantId(rs.getString("tenant_id")), rs.getString("name"), rs.getString("kind"),
            channels(rs.getString("channels")), rs.getInt("chain_order"), rs.getString("settings_json"),
            rs.getString("secrets_ciphertext"), rs.getString("key_id"), rs.getLong("version"),
            Sql.instant(rs, "updated_at"));

    private final JdbcClient client;
    private final TransactionTemplate tx;

    public JdbcIntegrationStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public boolean put(Integration integration) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> update(integration) == 0 && insert(integration)));
        } catch (DuplicateKeyException raced) {
            // Another request created it in between: this write replaces it, as a later PUT would.
            tx.execute(status -> update(integration));
            return false;
        }
    }

    private int update(Integration n) {
        return client.sql("""
                        UPDATE integration SET kind = ?, channels = ?, chain_order = ?, settings_json = ?,
                               secrets_ciphertext = ?, key_id = ?, version = version + 1, updated_at = ?
                        WHERE tenant_id = ? AND name = ?""")
                .params(n.kind(), join(n.channels()), n.order(), n.settingsJson(), Sql.text(n.secretsCiphertext()),
                        Sql.text(n.keyId()), Sql.ts(n.updatedAt()), n.tenant().value(), n.name())
                .update();
    }

    private boolean insert(Integration n) {
        client.sql("""
                        INSERT INTO integration (tenant_id, name, kind, channels, chain_order, settings_json,
                               secrets_ciphertext, key_id, version, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""")
                .params(n.tenant().value(), n.name(), n.kind(), join(n.channels()), n.order(), n.settingsJson(),
                        Sql.text(n.secretsCiphertext()), Sql.text(n.keyId()), Sql.ts(n.updatedAt()))
                .update();
        return true;
    }

    @Override
    public Optional<Integration> find(TenantId tenant, String name) {
        return client.sql("SELECT * FROM integration WHERE tenant_id = ? AND name = ?")
                .params(tenant.value(), name).query(ROW).optional();
    }

    @Override
    public List<Integration> list(TenantId tenant) {
        return client.sql("SELECT * FROM integration WHERE tenant_id = ? ORDER BY chain_order, name")
                .param(tenant.value()).query(ROW).list();
    }

    @Override
    public boolean delete(TenantId tenant, String name) {
        return client.sql("DELETE FROM integration WHERE tenant_id = ? AND name = ?")
                .params(tenant.value(), name).update() > 0;
    }

    @Override
    public boolean reseal(Integration resealed, long expectedVersion) {
        return client.sql("""
                        UPDATE integration SET secrets_ciphertext = ?, key_id = ?, updated_at = ?
                        WHERE tenant_id = ? AND name = ? AND version = ?""")
                .params(Sql.text(resealed.secretsCiphertext()), Sql.text(resealed.keyId()),
                        Sql.ts(resealed.updatedAt()), resealed.tenant().value(), resealed.name(), expectedVersion)
                .update() > 0;
    }

    @Override
    public List<Integration> sealedWithOtherKey(String keyId, int limit) {
        // Rows without secrets have no key and nothing to reseal.
        return client.sql("""
                        SELECT * FROM integration WHERE key_id IS NOT NULL AND key_id <> ?
                        ORDER BY tenant_id, name LIMIT ?""")
                .params(keyId, limit).query(ROW).list();
    }

    @Override
    public boolean anyStored() {
        return !client.sql("SELECT 1 FROM integration LIMIT 1").query((rs, i) -> 1).list().isEmpty();
    }

    private static String join(List<Channel> channels) {
        return String.join(",", channels.stream().map(Enum::name).toList());
    }

    private static List<Channel> channels(String value) {
        return value == null || value.isEmpty() ? List.of()
                : Arrays.stream(value.split(",")).map(Channel::valueOf).toList();
    }
}
