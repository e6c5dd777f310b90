package dev.herald.jdbc;

import dev.herald.core.inbox.InboxFilter;
import dev.herald.core.inbox.InboxMessage;
import dev.herald.core.inbox.InboxPage;
import dev.herald.core.inbox.InboxStore;
import dev.herald.core.model.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Inboxes in the {@code inbox_message} table; ids are time-ordered, so "newest first" is "id descending". */
public final class JdbcInboxStore implements InboxStore {
    private static final String COLUMNS = """
            id, user_id, delivery_id, notification_id, type, title, body, created_at, read_at, archived_at""";
    private static final RowMapper<InboxMessage> MESSAGE = (rs, i) -> new InboxMessage(Sql.uuid(rs, "id"),
            rs.getString("user_id"), Sql.uuid(rs, "delivery_id"), Sql.uuid(rs, "notification_id"),
            rs.getString("type"), rs.getString("title"), rs.getString("body"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "read_at"), Sql.instant(rs, "archived_at"));

    private final JdbcClient client;
    private final TransactionTemplate tx;

    public JdbcInboxStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public boolean add(TenantId tenant, InboxMessage m) {
        try {
            client.sql("INSERT INTO inbox_message (" + COLUMNS + ", tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(m.id(), m.userId(), m.deliveryId(), m.notificationId(), m.type(), Sql.text(m.title()),
                            Sql.text(m.body()), Sql.ts(m.createdAt()), Sql.ts(m.readAt()), Sql.ts(m.archivedAt()),
                            tenant.value())
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    @Override
    public InboxPage page(TenantId tenant, String userId, InboxFilter filter, int limit, UUID before) {
        List<Object> params = new ArrayList<>(List.of(tenant.value(), userId));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM inbox_message WHERE tenant_id = ? AND user_id = ?");
        sql.append(switch (filter) {
            case ACTIVE -> " AND archived_at IS NULL";
            case UNREAD -> " AND archived_at IS NULL AND read_at IS NULL";
            case ARCHIVED -> " AND archived_at IS NOT NULL";
        });
        if (before != null) {
            sql.append(" AND id < ?");
            params.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + 1);
        List<InboxMessage> rows = client.sql(sql.toString()).params(params).query(MESSAGE).list();
        boolean more = rows.size() > limit;
        List<InboxMessage> page = more ? rows.subList(0, limit) : rows;
        return new InboxPage(List.copyOf(page), unreadCount(tenant, userId), more ? page.getLast().id() : null);
    }

    @Override
    public long unreadCount(TenantId tenant, String userId) {
        return client.sql("""
                        SELECT COUNT(*) FROM inbox_message
                        WHERE tenant_id = ? AND user_id = ? AND read_at IS NULL AND archived_at IS NULL""")
                .params(tenant.value(), userId).query(Long.class).single();
    }

    @Override
    public Optional<InboxMessage> find(TenantId tenant, String userId, UUID messageId) {
        return client.sql("SELECT " + COLUMNS + " FROM inbox_message WHERE tenant_id = ? AND user_id = ? AND id = ?")
                .params(tenant.value(), userId, messageId).query(MESSAGE).optional();
    }

    @Override
    public Optional<InboxMessage> markRead(TenantId tenant, String userId, UUID messageId, Instant at) {
        int changed = client.sql("""
                        UPDATE inbox_message SET read_at = ?
                        WHERE tenant_id = ? AND user_id = ? AND id = ? AND read_at IS NULL""")
                .params(Sql.ts(at), tenant.value(), userId, messageId).update();
        return changed == 0 ? Optional.empty() : find(tenant, userId, messageId);
    }

    @Override
    public List<InboxMessage> markAllRead(TenantId tenant, String userId, Instant at) {
        return tx.execute(status -> {
            // What the unread badge counts, no more: archived messages were never opened and stay unread.
            // Lock the unread rows we report, so a concurrent read-all cannot report (and receipt) them twice.
            List<InboxMessage> unread = client.sql("SELECT " + COLUMNS + " FROM inbox_message"
                            + " WHERE tenant_id = ? AND user_id = ? AND read_at IS NULL AND archived_at IS NULL"
                            + " FOR UPDATE")
                    .params(tenant.value(), userId).query(MESSAGE).list();
            List<InboxMessage> changed = new ArrayList<>();
            for (InboxMessage m : unread) {
                int updated = client.sql("UPDATE inbox_message SET read_at = ? WHERE id = ? AND read_at IS NULL")
                        .params(Sql.ts(at), m.id()).update();
                if (updated > 0) {
                    changed.add(m);
                }
            }
            return changed;
        });
    }

    @Override
    public boolean archive(TenantId tenant, String userId, UUID messageId, Instant at) {
        return client.sql("""
                        UPDATE inbox_message SET archived_at = COALESCE(archived_at, ?)
                        WHERE tenant_id = ? AND user_id = ? AND id = ?""")
                .params(Sql.ts(at), tenant.value(), userId, messageId).update() > 0;
    }
}
