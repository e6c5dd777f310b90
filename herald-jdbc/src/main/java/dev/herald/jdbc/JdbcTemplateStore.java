package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.templates.TemplateKey;
import dev.herald.core.templates.TemplateStore;
import dev.herald.core.templates.TemplateVersion;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Template versions in {@code template_version}; exactly one version per key has {@code active} set. */
public final class JdbcTemplateStore implements TemplateStore {
    private static final RowMapper<TemplateVersion> VERSION = (rs, i) -> new TemplateVersion(
            new TemplateKey(rs.getString("type"), Channel.valueOf(rs.getString("channel")), rs.getString("locale")),
            rs.getInt("version"), rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
            rs.getBoolean("active"), Sql.instant(rs, "created_at"));
    private static final String WHERE_KEY = " WHERE tenant_id = ? AND type = ? AND channel = ? AND locale = ?";

    private final JdbcClient client;
    private final TransactionTemplate tx;

    public JdbcTemplateStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    private static Object[] key(TenantId tenant, TemplateKey key) {
        return new Object[]{tenant.value(), key.type(), key.channel().name(), key.locale()};
    }

    @Override
    public TemplateVersion createVersion(TenantId tenant, TemplateKey key, String subject, String text, String html,
                                         Instant at) {
        for (int round = 0; ; round++) {
            try {
                return tx.execute(status -> {
                    lock(tenant, key);
                    int next = client.sql("SELECT COALESCE(MAX(version), 0) FROM template_version" + WHERE_KEY)
                            .params(key(tenant, key)).query(Integer.class).single() + 1;
                    client.sql("UPDATE template_version SET active = FALSE" + WHERE_KEY + " AND active = TRUE")
                            .params(key(tenant, key)).update();
                    client.sql("""
                                    INSERT INTO template_version (tenant_id, type, channel, locale, version, subject,
                                           body_text, body_html, active, created_at)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
                            .params(tenant.value(), key.type(), key.channel().name(), key.locale(), next,
                                    Sql.text(subject), Sql.text(text), Sql.text(html), Sql.ts(at))
                            .update();
                    return new TemplateVersion(key, next, subject, text, html, true, at);
                });
            } catch (DuplicateKeyException raced) {
                // Two writers picked the same next version; the later one takes the one after.
                if (round >= 3) {
                    throw raced;
                }
            }
        }
    }

    @Override
    public List<TemplateVersion> versions(TenantId tenant, TemplateKey key) {
        return client.sql("SELECT * FROM template_version" + WHERE_KEY + " ORDER BY version DESC")
                .params(key(tenant, key)).query(VERSION).list();
    }

    @Override
    public Optional<TemplateVersion> active(TenantId tenant, TemplateKey key) {
        // Never two active, since writers take the key's rows in turn; if ever, the newest wins rather than fail.
        return client.sql("SELECT * FROM template_version" + WHERE_KEY + " AND active = TRUE ORDER BY version DESC")
                .params(key(tenant, key)).query(VERSION).list().stream().findFirst();
    }

    /** Writers of one key take turns: a new version and a rollback at the same moment cannot both stay active. */
    private void lock(TenantId tenant, TemplateKey key) {
        client.sql("SELECT version FROM template_version" + WHERE_KEY + " FOR UPDATE")
                .params(key(tenant, key)).query(Integer.class).list();
    }

    @Override
    public boolean activate(TenantId tenant, TemplateKey key, int version) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            lock(tenant, key);
            Object[] k = key(tenant, key);
            boolean exists = client.sql("SELECT COUNT(*) FROM template_version" + WHERE_KEY + " AND version = ?")
                    .params(k[0], k[1], k[2], k[3], version).query(Long.class).single() > 0;
            if (!exists) {
                return false;
            }
            client.sql("UPDATE template_version SET active = (version = ?)" + WHERE_KEY)
                    .params(version, k[0], k[1], k[2], k[3]).update();
            return true;
        }));
    }
}
