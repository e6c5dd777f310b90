package dev.herald.jdbc;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastFailedException;
import dev.herald.core.broadcast.BroadcastPage;
import dev.herald.core.broadcast.BroadcastState;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.broadcast.BroadcastTemplate;
import dev.herald.core.broadcast.PlannedChunk;
import dev.herald.core.model.Channel;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.DuplicateIdempotencyKeyException;
import dev.herald.core.request.ContentSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Broadcasts and their leases. A chunk is written through the notification store's own write (grouped with other
 * saves like any bulk notification), with the cursor moved by a fenced update in the same transaction.
 */
public final class JdbcBroadcastStore implements BroadcastStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBroadcastStore.class);
    private static final String WORK = states(Arrays.stream(BroadcastState.values())
            .filter(BroadcastState::hasWork).collect(Collectors.toSet()));
    /** Who may take a lease: nobody holds it, it has lapsed, or it is already the caller's. */
    private static final String LEASE_FREE = "(lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)";
    /** A broadcast whose round failed waits for its next try. */
    private static final String TRY_DUE = "(retry_at IS NULL OR retry_at <= ?)";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate tx;
    private final JdbcNotificationStore notifications;
    private final BroadcastDeliveryCounts counts;

    public JdbcBroadcastStore(JdbcTemplate jdbc, TransactionTemplate tx, JdbcNotificationStore notifications,
                              SqlDialect dialect, Clock clock) {
        this(jdbc, tx, notifications, dialect, clock, BroadcastDeliveryCounts.SLICE,
                BroadcastDeliveryCounts.FRESH_PER_READ, BroadcastDeliveryCounts.NEW_PER_READ);
    }

    /**
     * With {@code slice} notifications per counted slice of a broadcast's progress, {@code freshPerRead} moving
     * slices counted again and {@code newPerRead} never counted ones counted per read (tests use a few).
     */
    JdbcBroadcastStore(JdbcTemplate jdbc, TransactionTemplate tx, JdbcNotificationStore notifications,
                       SqlDialect dialect, Clock clock, int slice, int freshPerRead, int newPerRead) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
        this.notifications = notifications;
        this.counts = new BroadcastDeliveryCounts(client, tx, dialect, clock, slice, freshPerRead, newPerRead);
    }

    /** Thrown inside a chunk's transaction when its fence fails, so nothing of the chunk is written. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("broadcast lease lost", null, false, false);
        }
    }

    @Override
    public void create(Broadcast b) {
        BroadcastTemplate t = b.template();
        try {
            client.sql("""
                            INSERT INTO broadcast (id, tenant_id, topic_key, state, type, channels, content_title,
                                content_body, content_html, data_json, send_at, expires_at, traceparent,
                                idempotency_key, request_hash, last_position, total, cursor_position, planned,
                                skipped, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)""")
                    .params(b.id(), b.tenant().value(), b.topic(), b.state().name(), t.type(),
                            t.channels().stream().map(Enum::name).collect(Collectors.joining(",")),
                            Sql.text(t.content() == null ? null : t.content().title()),
                            Sql.text(t.content() == null ? null : t.content().body()),
                            Sql.text(t.content() == null ? null : t.content().html()),
                            Sql.text(DataJson.write(t.data())), Sql.ts(t.sendAt()), Sql.ts(t.expiresAt()),
                            Sql.text(t.trace() == null ? null : t.trace().header()), Sql.text(b.idempotencyKey()),
                            Sql.text(b.requestHash()), b.lastPosition(), b.cursor(), b.planned(), b.skipped(),
                            Sql.ts(b.createdAt()), Sql.ts(b.updatedAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("broadcast_idempotency_unique")) {
                throw new DuplicateIdempotencyKeyException("idempotency key already used", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Broadcast> find(TenantId tenant, UUID id) {
        return client.sql("SELECT * FROM broadcast WHERE tenant_id = ? AND id = ?").params(tenant.value(), id)
                .query(SHOWN).optional();
    }

    @Override
    public Optional<Broadcast> findByIdempotencyKey(TenantId tenant, String idempotencyKey) {
        return client.sql("SELECT * FROM broadcast WHERE tenant_id = ? AND idempotency_key = ?")
                .params(tenant.value(), idempotencyKey).query(SHOWN).optional();
    }

    @Override
    public boolean releaseIdempotencyKey(TenantId tenant, String idempotencyKey, UUID id) {
        return client.sql("UPDATE broadcast SET idempotency_key = NULL WHERE tenant_id = ? AND id = ?"
                        + " AND idempotency_key = ?")
                .params(tenant.value(), id, idempotencyKey).update() > 0;
    }

    @Override
    public BroadcastPage list(TenantId tenant, int limit, UUID after) {
        List<Broadcast> rows;
        if (after == null) {
            rows = client.sql("SELECT * FROM broadcast WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                    .params(tenant.value(), limit + 1).query(SHOWN).list();
        } else {
            Optional<Instant> at = client.sql("SELECT created_at FROM broadcast WHERE tenant_id = ? AND id = ?")
                    .params(tenant.value(), after).query((rs, i) -> Sql.instant(rs, "created_at")).optional();
            if (at.isEmpty()) {
                return new BroadcastPage(List.of(), null);
            }
            rows = client.sql("SELECT * FROM broadcast WHERE tenant_id = ? AND created_at <= ?"
                            + " AND (created_at < ? OR id < ?) ORDER BY created_at DESC, id DESC LIMIT ?")
                    .params(tenant.value(), Sql.ts(at.get()), Sql.ts(at.get()), after, limit + 1)
                    .query(SHOWN).list();
        }
        boolean more = rows.size() > limit;
        List<Broadcast> page = more ? rows.subList(0, limit) : rows;
        return new BroadcastPage(page, more ? page.getLast().id() : null);
    }

    @Override
    public Map<DeliveryStatus, Long> deliveries(TenantId tenant, UUID id) {
        // Counted in slices whose counts are reused for a while (BroadcastDeliveryCounts): a progress poll of a
        // broadcast to a million subscribers reads a bounded part of it, not a million deliveries; no counter is
        // updated on the send path.
        return counts.count(tenant, id);
    }

    @Override
    public Optional<Broadcast> claim(String owner, Instant now, Instant until) {
        Optional<UUID> candidate = client.sql("SELECT id FROM broadcast WHERE state IN (" + WORK + ") AND "
                        + LEASE_FREE + " AND " + TRY_DUE + " ORDER BY created_at, id LIMIT 1")
                .params(owner, Sql.ts(now), Sql.ts(now)).query((rs, i) -> Sql.uuid(rs, "id")).optional();
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        int taken = client.sql("UPDATE broadcast SET lease_owner = ?, lease_until = ? WHERE id = ? AND state IN ("
                        + WORK + ") AND " + LEASE_FREE + " AND " + TRY_DUE)
                .params(owner, Sql.ts(until), candidate.get(), owner, Sql.ts(now), Sql.ts(now)).update();
        if (taken == 0) {
            // Another runner took it between the two statements: it is theirs; the next round looks again.
            return Optional.empty();
        }
        try {
            return client.sql("SELECT * FROM broadcast WHERE id = ?").param(candidate.get()).query(BROADCAST)
                    .optional();
        } catch (RuntimeException unreadable) {
            throw new BroadcastFailedException(candidate.get(), unreadable);
        }
    }

    @Override
    public Optional<Setback> failed(UUID id, String owner, RoundFailure failure, Instant now, RetryThenSetAside rule) {
        return tx.execute(status -> client.sql("SELECT attempts FROM broadcast WHERE id = ? AND lease_owner = ?"
                                + " AND state IN (" + WORK + ") FOR UPDATE")
                .params(id, owner).query((rs, i) -> rs.getInt("attempts")).optional()
                .map(before -> {
                    Setback s = rule.after(before, failure, now);
                    client.sql("UPDATE broadcast SET attempts = ?, retry_at = ?, lease_owner = NULL,"
                                    + " lease_until = NULL WHERE id = ?")
                            .params(s.attempts(), Sql.ts(s.retryAt()), id).update();
                    return s;
                }));
    }

    @Override
    public boolean setAside(UUID id, String reason, Instant now) {
        // attempts > 0: a cancel that landed after the last failed attempt reset them, and the cancel wins.
        return client.sql("UPDATE broadcast SET state = ?, stop_reason = ?, retry_at = NULL, lease_owner = NULL,"
                        + " lease_until = NULL, updated_at = ? WHERE id = ? AND attempts > 0 AND state IN ("
                        + states(BroadcastState.before(BroadcastState.FAILED)) + ")")
                .params(BroadcastState.FAILED.name(), Sql.text(StorableText.of(reason, 1000)), Sql.ts(now), id)
                .update() > 0;
    }

    @Override
    public void release(UUID id, String owner) {
        client.sql("UPDATE broadcast SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")
                .params(id, owner).update();
    }

    @Override
    public boolean counted(UUID id, String owner, long total, Instant until) {
        return client.sql("UPDATE broadcast SET total = ?, lease_until = ? WHERE id = ? AND lease_owner = ?"
                        + " AND state = 'PLANNING'")
                .params(total, Sql.ts(until), id, owner).update() > 0;
    }

    @Override
    public boolean planChunk(UUID id, String owner, PlannedChunk chunk, boolean last, Instant now, Instant until) {
        BroadcastState next = last ? BroadcastState.PLANNED : BroadcastState.PLANNING;
        Runnable fencedCursor = () -> {
            // First in the transaction: takes the broadcast's row lock, so a cancel either comes before (and this
            // chunk writes nothing) or after (and its walk sees this chunk).
            int moved = client.sql("""
                            UPDATE broadcast SET cursor_position = ?, planned = planned + ?, skipped = skipped + ?,
                                state = ?, lease_until = ?, updated_at = ?, attempts = 0, retry_at = NULL
                            WHERE id = ? AND lease_owner = ? AND state = 'PLANNING' AND cursor_position < ?""")
                    .params(chunk.cursor(), chunk.notifications().size(), chunk.skipped(), next.name(),
                            Sql.ts(until), Sql.ts(now), id, owner, last ? Long.MAX_VALUE : chunk.cursor())
                    .update();
            if (moved == 0) {
                throw new LeaseLost();
            }
            if (!chunk.notifications().isEmpty()) {
                jdbc.batchUpdate("INSERT INTO broadcast_notification (tenant_id, broadcast_id, user_id,"
                                + " notification_id) VALUES (?, ?, ?, ?)",
                        chunk.notifications().stream().map(n -> new Object[]{
                                n.notification().notification().tenant().value(), id, n.userId(),
                                n.notification().notification().id()}).toList());
            }
        };
        try {
            if (chunk.notifications().isEmpty()) {
                tx.executeWithoutResult(status -> fencedCursor.run());
            } else {
                TenantId tenant = chunk.notifications().getFirst().notification().notification().tenant();
                notifications.saveWith(tenant, chunk.notifications().stream().map(PlannedChunk.ForUser::notification)
                        .toList(), fencedCursor);
            }
            return true;
        } catch (LeaseLost lost) {
            return false;
        }
    }

    @Override
    public boolean stop(UUID id, String owner, String reason, Instant now) {
        return client.sql("UPDATE broadcast SET state = 'STOPPED', stop_reason = ?, updated_at = ?"
                        + " WHERE id = ? AND lease_owner = ? AND state = 'PLANNING'")
                .params(Sql.text(StorableText.of(reason, 1000)), Sql.ts(now), id, owner).update() > 0;
    }

    @Override
    public Optional<Broadcast> cancel(TenantId tenant, UUID id, Instant now) {
        // The cancelling is new work: a set-aside broadcast's spent attempts do not count against it.
        client.sql("UPDATE broadcast SET state = ?, updated_at = ?, attempts = 0, retry_at = NULL, stop_reason = NULL"
                        + " WHERE tenant_id = ?"
                        + " AND id = ? AND state IN (" + states(BroadcastState.before(BroadcastState.CANCELLING)) + ")")
                .params(BroadcastState.CANCELLING.name(), Sql.ts(now), tenant.value(), id).update();
        return find(tenant, id);
    }

    // Ordered by the whole key, not user_id alone, so that H2 reads the key in order and stops at the limit.
    @Override
    public List<Member> members(TenantId tenant, UUID id, String afterUserId, int limit) {
        String members = "SELECT user_id, notification_id FROM broadcast_notification WHERE tenant_id = ?"
                + " AND broadcast_id = ?";
        return (afterUserId == null
                ? client.sql(members + " ORDER BY broadcast_id, user_id LIMIT ?").params(tenant.value(), id, limit)
                : client.sql(members + " AND user_id > ? ORDER BY broadcast_id, user_id LIMIT ?")
                .params(tenant.value(), id, afterUserId, limit))
                .query((rs, i) -> new Member(rs.getString("user_id"), Sql.uuid(rs, "notification_id"))).list();
    }

    @Override
    public boolean cancelledUpTo(UUID id, String owner, String userId, boolean done, Instant now, Instant until) {
        return client.sql("UPDATE broadcast SET cancelled_after = ?, state = ?, lease_until = ?, updated_at = ?,"
                        + " attempts = 0, retry_at = NULL WHERE id = ? AND lease_owner = ? AND state = 'CANCELLING'")
                .params(Sql.text(userId), (done ? BroadcastState.CANCELLED : BroadcastState.CANCELLING).name(),
                        Sql.ts(until), Sql.ts(now), id, owner).update() > 0;
    }

    @Override
    public Optional<String> cancelledAfter(TenantId tenant, UUID id) {
        return client.sql("SELECT cancelled_after FROM broadcast WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query((rs, i) -> Optional.ofNullable(rs.getString("cancelled_after"))).optional()
                .flatMap(o -> o);
    }

    private static String states(Set<BroadcastState> states) {
        return states.stream().map(s -> "'" + s.name() + "'").sorted().collect(Collectors.joining(", "));
    }

    /** A runner's read: a row it cannot read fails (and is recorded on that broadcast, see {@link #claim}). */
    private static final RowMapper<Broadcast> BROADCAST = (rs, i) -> broadcast(rs, null);
    /**
     * A read for showing (find, list, an idempotent replay): a part this version cannot read is shown empty or
     * UNKNOWN and named in {@code unreadable}, logged once per row, so one such row never fails the answer.
     */
    private static final RowMapper<Broadcast> SHOWN = (rs, i) -> {
        Map<String, String> unreadable = new LinkedHashMap<>();
        Broadcast shown = broadcast(rs, unreadable);
        if (unreadable.isEmpty()) {
            return shown;
        }
        LOG.warn("broadcast {} could not be read whole, shown without {}", shown.id(), unreadable);
        return shown;
    };

    /**
     * The row as a broadcast. With {@code unreadable} null a part that cannot be read throws; otherwise it is left
     * empty (state UNKNOWN) and its column noted there with the failure's kind.
     */
    private static Broadcast broadcast(ResultSet rs, Map<String, String> unreadable) throws SQLException {
        String title = rs.getString("content_title");
        String body = rs.getString("content_body");
        String html = rs.getString("content_html");
        String channels = rs.getString("channels");
        String data = rs.getString("data_json");
        String state = rs.getString("state");
        BroadcastTemplate template = new BroadcastTemplate(rs.getString("type"),
                readable("channels", () -> channels.isEmpty() ? List.<Channel>of()
                        : Arrays.stream(channels.split(",")).map(Channel::valueOf).toList(), List.of(), unreadable),
                body == null ? null : new ContentSpec(title, body, html),
                readable("data_json", () -> DataJson.read(data), Map.of(), unreadable),
                Sql.instant(rs, "send_at"), Sql.instant(rs, "expires_at"), Sql.trace(rs, "traceparent"));
        long total = rs.getLong("total");
        boolean uncounted = rs.wasNull();
        return new Broadcast(Sql.uuid(rs, "id"), new TenantId(rs.getString("tenant_id")), rs.getString("topic_key"),
                readable("state", () -> BroadcastState.valueOf(state), BroadcastState.UNKNOWN, unreadable),
                template, rs.getString("idempotency_key"),
                rs.getString("request_hash"), rs.getLong("last_position"), uncounted ? null : total,
                rs.getLong("cursor_position"), rs.getLong("planned"), rs.getLong("skipped"),
                rs.getString("stop_reason"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                unreadable == null || unreadable.isEmpty() ? null : String.join(", ", unreadable.keySet()));
    }

    /** The part read, or (when failures are collected) {@code otherwise}, its column and failure kind noted. */
    private static <T> T readable(String column, Supplier<T> read, T otherwise, Map<String, String> unreadable) {
        if (unreadable == null) {
            return read.get();
        }
        try {
            return read.get();
        } catch (RuntimeException e) {
            unreadable.put(column, FailureKind.of(e));
            return otherwise;
        }
    }
}
