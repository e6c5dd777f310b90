package dev.herald.jdbc;

import dev.herald.core.digest.DigestStore;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.tracking.DeliveryStatus;
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

    public JdbcDigestStore(JdbcTemplate jdbc, TransactionTemplate tx) {
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
                        String address, Message message, DeliveryStatus status) {
    }

    @Override
    public Optional<Collapsed> collapse(DigestRef digest, Instant now, UUID newDeliveryId, Renderer renderer) {
        return tx.execute(status -> {
            // Lock the items: a second node collapsing the same digest waits here, then finds nothing left.
            List<Item> items = client.sql("""
                            SELECT d.id, d.notification_id, d.type, d.channel, d.lane, d.user_id, d.address, d.subject,
                                   d.body_text, d.body_html, d.status
                            FROM delivery d WHERE d.tenant_id = ? AND d.id IN (
                                SELECT i.delivery_id FROM digest_item i WHERE i.tenant_id = ? AND i.digest_key = ?)
                            ORDER BY d.id FOR UPDATE""")
                    .params(digest.tenant().value(), digest.tenant().value(), digest.key())
                    .query((rs, i) -> new Item(Sql.uuid(rs, "id"), Sql.uuid(rs, "notification_id"),
                            rs.getString("type"), Channel.valueOf(rs.getString("channel")),
                            Priority.valueOf(rs.getString("lane")), rs.getString("user_id"), rs.getString("address"),
                            new Message(rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html")),
                            DeliveryStatus.valueOf(rs.getString("status"))))
                    .list();
            int removed = client.sql("DELETE FROM digest_item WHERE tenant_id = ? AND digest_key = ?")
                    .params(digest.tenant().value(), digest.key()).update();
            // Cancelled items stay cancelled and are not in the digest.
            List<Item> live = items.stream().filter(i -> i.status() == DeliveryStatus.SCHEDULED).toList();
            if (removed == 0 || live.isEmpty()) {
                return Optional.<Collapsed>empty();
            }
            Item first = live.getFirst();
            Message message = renderer.render(first.type(), first.channel(), live.stream().map(Item::message).toList());
            String tenant = digest.tenant().value();
            client.sql("""
                            INSERT INTO delivery (id, tenant_id, notification_id, type, channel, lane, user_id, address,
                                                  status, attempts, due_at, subject, body_text, body_html, created_at,
                                                  updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?, ?, ?)""")
                    .params(newDeliveryId, tenant, first.notificationId(), first.type(), first.channel().name(),
                            first.lane().name(), first.userId(), first.address(), Sql.ts(now),
                            Sql.text(message.subject()), Sql.text(message.text()), Sql.text(message.html()),
                            Sql.ts(now), Sql.ts(now))
                    .update();
            List<Object[]> history = new ArrayList<>();
            history.add(new Object[]{tenant, first.notificationId(), newDeliveryId, DeliveryStatus.QUEUED.name(), 0,
                    Sql.ts(now), "digest of " + live.size() + " notifications"});
            String merged = "merged into digest delivery " + newDeliveryId;
            for (Item item : live) {
                client.sql("""
                                UPDATE delivery SET status = 'SUPPRESSED', due_at = NULL, last_error = ?, updated_at = ?
                                WHERE id = ?""")
                        .params(merged, Sql.ts(now), item.id()).update();
                history.add(new Object[]{tenant, item.notificationId(), item.id(), DeliveryStatus.SUPPRESSED.name(), 0,
                        Sql.ts(now), merged});
            }
            jdbc.batchUpdate(JdbcNotificationStore.INSERT_STATUS, history);
            return Optional.of(new Collapsed(newDeliveryId, first.lane(), live.size()));
        });
    }
}
