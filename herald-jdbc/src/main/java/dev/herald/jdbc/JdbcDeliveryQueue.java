package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.dispatch.DeliveryQueue;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.StatusMove;
import dev.herald.core.model.StatusTransitions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery table as a queue, claimed per lane with {@code FOR UPDATE SKIP LOCKED} so concurrent
 * dispatchers (threads or nodes) never take the same row. This is the one deliberately cross-tenant query:
 * workers serve every tenant; everything they write afterwards is keyed by the delivery's own tenant.
 */
public final class JdbcDeliveryQueue implements DeliveryQueue {
    // The trace context and whether the type was critical are the notification's (one per request, not copied onto
    // every delivery row): read by primary key with the claim, on both databases (a subquery is allowed in
    // PostgreSQL's RETURNING).
    static final String CLAIMED_COLUMNS = """
            id, tenant_id, notification_id, type, channel, lane, user_id, address, subject, body_text, body_html,
            data_json, attempts, claims, created_at, expires_at,
            (SELECT n.traceparent FROM notification n WHERE n.id = delivery.notification_id) AS traceparent,
            (SELECT n.critical FROM notification n WHERE n.id = delivery.notification_id) AS critical""";
    // due_at alone decides what is claimable; the status condition, derived from the state machine, makes sure a
    // row some bug left with a due_at in a final status is never sent again.
    private static final String DUE = "lane = ? AND due_at <= ? AND " + StatusSql.from(StatusMove.CLAIM);
    // H2 picks in two steps. With FOR UPDATE it reads, checks and locks every due row of the lane before it sorts and
    // applies the LIMIT (measured: 30-40 ms a claim with 20,000 due rows, each lock a write to the table's map;
    // the profile of an H2 bench run showed claims at a quarter of all CPU). Without FOR UPDATE, and ordered by
    // the whole index (lane is fixed, so the order is the same), it walks the index and stops at the LIMIT.
    // The lower bound on due_at keeps the index walk off the lane's finished rows: their due_at is NULL, which H2
    // sorts first, and without a start key it read every one of them (and its row, for the status) on every claim
    // (measured: 25 ms a pick with 30,000 finished rows in the lane; 0.7 ms with the bound).
    private static final String PICK_DUE = "SELECT id FROM delivery WHERE due_at >= ? AND " + DUE
            + " ORDER BY lane, due_at LIMIT ?";
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    // Then locks only the picked rows, checking the condition again on each as it locks it: a row another claimer
    // (or a cancellation) took or changed meanwhile is skipped, so the claim may come back smaller, never wrong.
    private static final String LOCK_PICKED = "SELECT id FROM delivery WHERE id IN (%s) AND " + DUE
            + " FOR UPDATE SKIP LOCKED";
    private static final String MARK_SENDING = """
            UPDATE delivery SET status = %s, attempts = attempts + 1, claims = claims + 1, due_at = ?,
                                lease_owner = ?, updated_at = ?
            WHERE id = ?""".formatted(StatusSql.to(StatusMove.CLAIM));
    // The fence: only the claim that is still current (same claim number, still SENDING) may record its outcome.
    // Claims are counted apart from attempts because attempts go back to 0 on a dead-letter replay (and down by one
    // on a deferral): a worker that hung through a whole retry budget and a replay could otherwise find its old
    // attempt number current again and overwrite the newer outcome. The claim counter only ever grows.
    private static final String RECORD = """
            UPDATE delivery SET status = ?, due_at = ?, provider = ?, provider_message_id = ?, last_error = ?,
                                lease_owner = NULL, updated_at = ?, sent_at = COALESCE(?, sent_at),
                                attempts = attempts - ?
            WHERE id = ? AND tenant_id = ? AND status = 'SENDING' AND claims = ?""";
    private static final RowMapper<ClaimedDelivery> CLAIMED = (rs, i) -> new ClaimedDelivery(
            Sql.uuid(rs, "id"), new TenantId(rs.getString("tenant_id")), Sql.uuid(rs, "notification_id"),
            rs.getString("type"), Channel.valueOf(rs.getString("channel")), Priority.valueOf(rs.getString("lane")),
            rs.getString("user_id"), rs.getString("address"),
            new Message(rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
                    DataJson.read(rs.getString("data_json"))),
            rs.getInt("attempts"), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), rs.getLong("claims"),
            Sql.trace(rs, "traceparent"), rs.getBoolean("critical"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;
    private final IdGenerator ids;

    /** @param ids ids of the recent-failure rows written with FAILED and DEAD outcomes */
    public JdbcDeliveryQueue(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, IdGenerator ids) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
        this.ids = ids;
    }

    @Override
    public List<ClaimedDelivery> claim(Priority lane, int max, Instant now, Duration lease, String workerId) {
        Instant leaseUntil = now.plus(lease);
        return dialect.claimInOneStatement()
                .map(claim -> jdbc.query(claim, CLAIMED, Sql.ts(leaseUntil), workerId, Sql.ts(now), lane.name(),
                        Sql.ts(now), max))
                .orElseGet(() -> tx.execute(status -> claimInSteps(lane, max, now, leaseUntil, workerId)));
    }

    private List<ClaimedDelivery> claimInSteps(Priority lane, int max, Instant now, Instant leaseUntil,
                                               String workerId) {
        List<UUID> picked = jdbc.query(PICK_DUE, (rs, i) -> Sql.uuid(rs, "id"), Sql.ts(EARLIEST), lane.name(),
                Sql.ts(now), max);
        if (picked.isEmpty()) {
            return List.of();
        }
        List<Object> lockParams = new ArrayList<>(picked);
        lockParams.add(lane.name());
        lockParams.add(Sql.ts(now));
        List<UUID> ids = jdbc.query(LOCK_PICKED.formatted(Sql.marks(picked)), (rs, i) -> Sql.uuid(rs, "id"),
                lockParams.toArray());
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            rows.add(new Object[]{Sql.ts(leaseUntil), workerId, Sql.ts(now), id});
        }
        jdbc.batchUpdate(MARK_SENDING, rows);
        return jdbc.query("SELECT " + CLAIMED_COLUMNS + " FROM delivery WHERE id IN (" + Sql.marks(ids) + ")",
                CLAIMED, ids.toArray());
    }

    @Override
    public List<Outcome> record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            List<Object[]> updates = new ArrayList<>(outcomes.size());
            for (Outcome o : outcomes) {
                ClaimedDelivery d = o.delivery();
                StatusTransitions.require(DeliveryStatus.SENDING, o.status());
                // Provider answers are not ours to trust with column sizes or content: one over-long id or a NUL
                // byte must not fail the batch (the writer sets aside what still fails, but should rarely need to).
                updates.add(new Object[]{o.status().name(), Sql.ts(o.dueAt()), Sql.text(StorableText.of(o.provider(), 64)),
                        Sql.text(StorableText.of(o.providerMessageId(), 255)),
                        Sql.text(StorableText.of(o.detail(), 1000)), Sql.ts(o.at()),
                        Sql.ts(o.status() == DeliveryStatus.SENT ? o.at() : null), o.countsAsAttempt() ? 0 : 1,
                        d.id(), d.tenant().value(), d.claim()});
            }
            int[] counts = jdbc.batchUpdate(RECORD, updates);
            List<Outcome> recorded = new ArrayList<>(outcomes.size());
            List<Object[]> history = new ArrayList<>(outcomes.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    Outcome o = outcomes.get(i);
                    recorded.add(o);
                    // Type and channel are the claimed row's, provider what RECORD just wrote (updates[i][2]).
                    history.add(new Object[]{o.delivery().tenant().value(), o.delivery().notificationId(),
                            o.delivery().id(), o.status().name(), o.delivery().attempt(), Sql.ts(o.at()),
                            Sql.text(StorableText.of(o.detail(), 1000)), o.delivery().type(),
                            o.delivery().channel().name(), updates.get(i)[2]});
                }
            }
            if (!history.isEmpty()) {
                StatusHistory.writeKnowing(jdbc, history);
            }
            List<Object[]> dead = recorded.stream().filter(o -> o.status() == DeliveryStatus.DEAD)
                    .map(o -> new Object[]{o.delivery().id(), o.delivery().tenant().value(),
                            o.delivery().notificationId(), o.delivery().type(), o.delivery().channel().name(),
                            o.delivery().lane().name(), Sql.ts(o.at())})
                    .toList();
            if (!dead.isEmpty()) {
                jdbc.batchUpdate(JdbcDeadLetters.INSERT, dead);
            }
            StatsTally stats = new StatsTally();
            RecentFailureRows failures = new RecentFailureRows(ids);
            for (Outcome o : recorded) {
                ClaimedDelivery d = o.delivery();
                stats.reached(d.tenant(), d.createdAt(), d.channel(), d.type(), o.status(), o.detail(), o.at());
                if (o.status() == DeliveryStatus.SENT) {
                    // The provider that carried it (a Kakao refusal sent on by SMS names the SMS provider): billing
                    // prices each sent message at its provider's price.
                    stats.sentThrough(d.tenant(), d.createdAt(), d.channel(), o.provider());
                }
                failures.reached(d.tenant(), d.id(), d.notificationId(), d.userId(), d.channel(), d.type(),
                        o.provider(), o.status(), o.detail(), d.attempt(), o.at());
            }
            applyPendingReceipts(recorded, stats, failures);
            stats.writeTo(jdbc, dialect);
            failures.writeTo(jdbc);
            return recorded;
        });
    }

    /**
     * Receipts that arrived while these deliveries were SENDING take effect now that SENT is written. Only channels
     * that have receipts are looked at, so email and the rest pay nothing for this.
     */
    private void applyPendingReceipts(List<Outcome> recorded, StatsTally stats, RecentFailureRows failures) {
        List<UUID> candidates = recorded.stream()
                .filter(o -> o.status() == DeliveryStatus.SENT && o.delivery().channel().traits().receipts())
                .map(o -> o.delivery().id()).toList();
        if (candidates.isEmpty()) {
            return;
        }
        Map<UUID, Instant> sentAt = new HashMap<>();
        Map<UUID, ClaimedDelivery> claimed = new HashMap<>();
        recorded.forEach(o -> {
            sentAt.put(o.delivery().id(), o.at());
            claimed.put(o.delivery().id(), o.delivery());
        });
        List<Object[]> pending = jdbc.query("SELECT id, tenant_id, notification_id, pending_receipt,"
                        + " pending_receipt_at, pending_receipt_detail FROM delivery WHERE id IN ("
                        + Sql.marks(candidates) + ") AND pending_receipt IS NOT NULL",
                (rs, i) -> new Object[]{Sql.uuid(rs, "id"), rs.getString("tenant_id"),
                        Sql.uuid(rs, "notification_id"), rs.getString("pending_receipt"),
                        Sql.instant(rs, "pending_receipt_at"), rs.getString("pending_receipt_detail")},
                candidates.toArray());
        for (Object[] p : pending) {
            UUID id = (UUID) p[0];
            StatusTransitions.require(DeliveryStatus.SENT, DeliveryStatus.valueOf((String) p[3]));
            Instant at = (Instant) p[4];
            // Never before the send in the history, whatever the clocks said.
            Instant when = at.isBefore(sentAt.get(id)) ? sentAt.get(id) : at;
            int moved = jdbc.update("""
                    UPDATE delivery SET status = ?, pending_receipt = NULL, pending_receipt_at = NULL,
                                        pending_receipt_detail = NULL, updated_at = ?,
                                        last_error = CASE WHEN ? = 'FAILED' THEN ? ELSE last_error END
                    WHERE id = ? AND status = 'SENT'""", p[3], Sql.ts(when), p[3], Sql.text((String) p[5]), id);
            if (moved > 0) {
                StatusHistory.writeOne(jdbc, p[1], p[2], id, p[3], 0, Sql.ts(when),
                        Sql.text((String) p[5]));
                ClaimedDelivery d = claimed.get(id);
                if (DeliveryStatus.READ.name().equals(p[3])) {
                    WorkflowRows.readAt(JdbcClient.create(jdbc), d.tenant(), (UUID) p[2], when);
                }
                stats.reached(d.tenant(), d.createdAt(), d.channel(), d.type(),
                        DeliveryStatus.valueOf((String) p[3]), (String) p[5], when);
                failures.reached(d.tenant(), id, DeliveryStatus.valueOf((String) p[3]), (String) p[5], when);
            }
        }
    }
}
