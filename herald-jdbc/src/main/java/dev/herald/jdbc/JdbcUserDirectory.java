package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.User;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.tenancy.TokenGenerations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user directory in the {@code app_user} table, and each user's token generation in
 * {@code user_token_generation} (kept apart: it must outlive the user's row).
 */
public final class JdbcUserDirectory implements UserDirectory, TokenGenerations {
    // Tables of what belongs to a user and goes with them (the tables the device, preference and inbox stores own).
    private static final List<String> OWNED_BY_USER = List.of("device", "user_preference", "inbox_message",
            "topic_subscriber");
    private static final RowMapper<User> USER = (rs, i) -> new User(rs.getString("id"), rs.getString("email"),
            rs.getString("phone"), rs.getString("slack"), rs.getString("locale"), rs.getString("time_zone"),
            Sql.instant(rs, "updated_at"));
    private static final String UPDATE = """
            UPDATE app_user SET email = ?, phone = ?, slack = ?, locale = ?, time_zone = ?, updated_at = ?
            WHERE tenant_id = ? AND id = ?""";

    private final JdbcClient client;
    private final SqlDialect dialect;
    private final TransactionTemplate tx;

    public JdbcUserDirectory(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect) {
        this.dialect = dialect;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public boolean put(TenantId tenant, User user) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> update(tenant, user) == 0 && insert(tenant, user)));
        } catch (DuplicateKeyException raced) {
            // Another request created the same user between our update and insert: ours is an update after all.
            tx.execute(status -> update(tenant, user));
            return false;
        }
    }

    private int update(TenantId tenant, User user) {
        return client.sql(UPDATE).params(Sql.text(user.email()), Sql.text(user.phone()), Sql.text(user.slack()),
                Sql.text(user.locale()),
                Sql.text(user.timeZone()),
                Sql.ts(user.updatedAt()), tenant.value(), user.id()).update();
    }

    private boolean insert(TenantId tenant, User user) {
        client.sql("""
                        INSERT INTO app_user (tenant_id, id, email, phone, slack, locale, time_zone, created_at,
                                              updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), user.id(), Sql.text(user.email()), Sql.text(user.phone()),
                        Sql.text(user.slack()),
                        Sql.text(user.locale()), Sql.text(user.timeZone()),
                        Sql.ts(user.updatedAt()), Sql.ts(user.updatedAt()))
                .update();
        return true;
    }

    @Override
    public Optional<User> find(TenantId tenant, String userId) {
        return client.sql("SELECT * FROM app_user WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), userId).query(USER).optional();
    }

    @Override
    public Map<String, User> findAll(TenantId tenant, Collection<String> userIds) {
        Map<String, User> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        client.sql(dialect.byKeys("u.*", "app_user", "u", "u.tenant_id = ? AND u.id = wanted.id"))
                .params(Sql.keys(userIds), tenant.value()).query(USER).list().forEach(u -> found.put(u.id(), u));
        return found;
    }

    /**
     * One transaction for the user and everything keyed by them. The user's row lock (taken by the first DELETE)
     * makes concurrent deletes of one user take turns, so only one of them moves the generation on.
     */
    @Override
    public boolean delete(TenantId tenant, String userId) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (client.sql("DELETE FROM app_user WHERE tenant_id = ? AND id = ?").params(tenant.value(), userId)
                    .update() == 0) {
                return false;
            }
            for (String owned : OWNED_BY_USER) {
                client.sql("DELETE FROM " + owned + " WHERE tenant_id = ? AND user_id = ?")
                        .params(tenant.value(), userId).update();
            }
            if (client.sql("UPDATE user_token_generation SET generation = generation + 1 "
                    + "WHERE tenant_id = ? AND user_id = ?").params(tenant.value(), userId).update() == 0) {
                client.sql("INSERT INTO user_token_generation (tenant_id, user_id, generation) VALUES (?, ?, 1)")
                        .params(tenant.value(), userId).update();
            }
            return true;
        }));
    }

    @Override
    public long current(TenantId tenant, String userId) {
        return client.sql("SELECT generation FROM user_token_generation WHERE tenant_id = ? AND user_id = ?")
                .params(tenant.value(), userId).query(Long.class).optional().orElse(0L);
    }
}
