package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.InboundSetting;
import dev.herald.core.suppression.InboundSettings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;

/** Tenants' provider-event settings in {@code tenant_inbound}: one row per tenant and provider, values one a line. */
public final class JdbcInboundSettings implements InboundSettings {
    private static final int MAX_SETTINGS = 8000;

    private final JdbcClient client;
    private final TransactionTemplate tx;

    public JdbcInboundSettings(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public Optional<InboundSetting> find(TenantId tenant, InboundProvider provider) {
        return client.sql("SELECT settings, updated_at FROM tenant_inbound WHERE tenant_id = ? AND provider = ?")
                .params(tenant.value(), provider.key())
                .query((rs, i) -> new InboundSetting(tenant, provider,
                        List.of(rs.getString("settings").split("\n")), Sql.instant(rs, "updated_at")))
                .optional();
    }

    @Override
    public void save(InboundSetting setting) {
        String settings = String.join("\n", setting.values());
        if (setting.values().isEmpty() || settings.length() > MAX_SETTINGS) {
            // The API checks sizes first; this keeps a caller that did not from writing a cut list.
            throw new IllegalArgumentException("inbound settings must hold 1 to " + MAX_SETTINGS + " characters");
        }
        String tenant = setting.tenant().value();
        String provider = setting.provider().key();
        String stored = StorableText.of(settings, MAX_SETTINGS);
        if (update(tenant, provider, stored, setting) > 0) {
            return;
        }
        try {
            // Its own (nested) transaction: a lost race's failed insert must not abort the caller's.
            tx.executeWithoutResult(status -> client.sql("INSERT INTO tenant_inbound (tenant_id, provider, settings,"
                            + " updated_at) VALUES (?, ?, ?, ?)")
                    .params(tenant, provider, stored, Sql.ts(setting.updatedAt())).update());
        } catch (DuplicateKeyException savedMeanwhile) {
            update(tenant, provider, stored, setting);
        }
    }

    private int update(String tenant, String provider, String stored, InboundSetting setting) {
        return client.sql("UPDATE tenant_inbound SET settings = ?, updated_at = ? WHERE tenant_id = ? AND provider = ?")
                .params(stored, Sql.ts(setting.updatedAt()), tenant, provider).update();
    }

    @Override
    public boolean delete(TenantId tenant, InboundProvider provider) {
        return client.sql("DELETE FROM tenant_inbound WHERE tenant_id = ? AND provider = ?")
                .params(tenant.value(), provider.key()).update() > 0;
    }
}
