package dev.herald.jdbc;

import dev.herald.core.digest.DigestStore;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.StatusMove;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Digest items in {@code digest_item}, merged into one delivery per digest when its window closes. */
public final class JdbcDigestStore implements DigestStore {
    static final String INSERT_ITEM = "INSERT INTO digest_item (delivery_id, tenant_id, digest_key, due_at)"
            + " VALUES (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;

    public JdbcDigestStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect) {
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public List<DigestRef> dueDigests(Instant now, int max) {
        return client.sql("SELECT tenant_id, digest_key FROM digest_item WHERE due_at <= ?"
                        + " GROUP BY tenant_id, digest_key LIMIT ?")
                .params(Sql.ts(now), max)
                .query((rs, i) -> new DigestRef(new TenantId(rs.getString("tenant_id")), rs.getString("digest_key")))
                .list();
    }

    private record Item(UUID id, UUID notificationId, String type, Channel channel, Priority lane, String userId,
                        String address, Message message, DeliveryStatus status, Instant expiresAt, Instant createdAt) {
    }

    @Override
    public Optional<Collapsed> collapse(DigestRef digest, Instant now, UUID newDeliveryId, Renderer renderer) {
        return tx.execute(status -> {
            // Lock the items: a second node collapsing the same digest waits here, then finds nothing left.
            List<Item> items = client.sql("""
                            SELECT d.id, d.notification_id, d.type, d.channel, d.lane, d.user_id, d.address, d.subject,
                                   d.body_text, d.body_html, d.status, d.expires_at, d.created_at
                            FROM delivery d WHERE d.tenant_id = ? AND d.id IN (
                                SELECT i.delivery_id FROM digest_item i WHERE i.tenant_id = ? AND i.digest_key = ?)
                            ORDER BY d.id FOR UPDATE""")
                    .params(digest.tenant().value(), digest.tenant().value(), digest.key())
                    .query((rs, i) -> new Item(Sql.uuid(rs, "id"), Sql.uuid(rs, "notification_id"),
                            rs.getString("type"), Channel.valueOf(rs.getString("channel")),
                            Priority.valueOf(rs.getString("lane")), rs.getString("user_id"), rs.getString("address"),
                            new Message(rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html")),
                            DeliveryStatus.valueOf(rs.getString("status")), Sql.instant(rs, "expires_at"),
                            Sql.instant(rs, "created_at")))
                    .list();
            if (items.isEmpty()) {
                return Optional.<Collapsed>empty();
            }
            // Only the rows locked above leave the list: an item that arrived meanwhile waits for the next round
            // instead of losing its place unseen.
            List<Object> ids = new ArrayList<>(items.stream().map(Item::id).toList());
            ids.addFirst(digest.tenant().value());
            client.sql("DELETE FROM digest_item WHERE tenant_id = ? AND delivery_id IN ("
                    + Sql.marks(items) + ")").params(ids).update();
            String tenant = digest.tenant().value();
            List<Object[]> history = new ArrayList<>();
            // Cancelled items stay cancelled; items past their expiry are EXPIRED, never sent late in a digest.
            List<Item> live = new ArrayList<>();
            StatsTally stats = new StatsTally();
            for (Item item : items) {
                if (!StatusMove.MERGE_INTO_DIGEST.appliesTo(item.status())) {
                    continue;
                }
                if (item.expiresAt() != null && !item.expiresAt().isAfter(now)) {
                    client.sql("UPDATE delivery SET status = " + StatusSql.to(StatusMove.EXPIRE_DIGEST_ITEM)
                                    + ", due_at = NULL, updated_at = ? WHERE id = ? AND "
                                    + StatusSql.from(StatusMove.EXPIRE_DIGEST_ITEM))
                            .params(Sql.ts(now), item.id()).update();
                    history.add(new Object[]{tenant, item.notificationId(), item.id(),
                            StatusMove.EXPIRE_DIGEST_ITEM.to().name(),
                            0, Sql.ts(now), "expired before its digest went out"});
                    stats.reached(digest.tenant(), item.createdAt(), item.channel(), item.type(),
                            StatusMove.EXPIRE_DIGEST_ITEM.to(), null, now);
                } else {
                    live.add(item);
                }
            }
            if (live.isEmpty()) {
                if (!history.isEmpty()) {
                    StatusHistory.write(jdbc, history);
                }
                stats.writeTo(jdbc, dialect);
                return Optional.<Collapsed>empty();
            }
            Item first = live.getFirst();
            // The digest is a notification of its own: cancelling one of its items' notifications must not take
            // the others' content with it.
            UUID digestNotification = UUID.randomUUID();
            client.sql("INSERT INTO notification (id, tenant_id, type, priority, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(digestNotification, tenant, first.type(), first.lane().name(), Sql.ts(now)).update();
            Message message = renderer.render(first.type(), first.channel(), live.stream().map(Item::message).toList());
            client.sql("""
                            INSERT INTO delivery (id, tenant_id, notification_id, type, channel, lane, user_id, address,
                                                  status, attempts, due_at, subject, body_text, body_html, created_at,
                                                  updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?, ?, ?)""")
                    .params(newDeliveryId, tenant, digestNotification, first.type(), first.channel().name(),
                            first.lane().name(), first.userId(), first.address(), Sql.ts(now),
                            Sql.text(message.subject()), Sql.text(message.text()), Sql.text(message.html()),
                            Sql.ts(now), Sql.ts(now))
                    .update();
            history.add(new Object[]{tenant, digestNotification, newDeliveryId, DeliveryStatus.QUEUED.name(), 0,
                    Sql.ts(now), "digest of " + live.size() + " notifications"});
            stats.accepted(digest.tenant(), now, first.channel(), first.type(), DeliveryStatus.QUEUED, null);
            String merged = "merged into digest delivery " + newDeliveryId;
            for (Item item : live) {
                client.sql("""
                                UPDATE delivery SET status = %s, due_at = NULL, last_error = ?, updated_at = ?
                                WHERE id = ? AND %s""".formatted(StatusSql.to(StatusMove.MERGE_INTO_DIGEST),
                                StatusSql.from(StatusMove.MERGE_INTO_DIGEST)))
                        .params(merged, Sql.ts(now), item.id()).update();
                history.add(new Object[]{tenant, item.notificationId(), item.id(),
                        StatusMove.MERGE_INTO_DIGEST.to().name(), 0,
                        Sql.ts(now), merged});
                stats.reached(digest.tenant(), item.createdAt(), item.channel(), item.type(),
                        StatusMove.MERGE_INTO_DIGEST.to(), merged, now);
            }
            stats.writeTo(jdbc, dialect);
            StatusHistory.write(jdbc, history);
            return Optional.of(new Collapsed(newDeliveryId, first.lane(), live.size()));
        });
    }
}
