package dev.herald.jdbc;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A broadcast's deliveries counted by status without reading every one of them on every progress read. The
 * broadcast's notifications are walked in id order (time order: ids are UUIDv7, and chunks are planned one after
 * another) in slices of {@code slice}; the counts of a slice whose deliveries were all final are kept, in this node's
 * memory, and reused for {@link #REUSE} before that slice is read again. A read then costs the slices still moving
 * (planned but not yet sent) plus, once a minute, the rest.
 * <p>
 * Why reuse expires: a final delivery can still change (receipts move SENT to DELIVERED, READ or FAILED; an operator
 * replays a DEAD one), and nothing on those paths knows the broadcast. Why a slice boundary stays valid: later chunks
 * get later ids, so they land after every kept slice; a chunk planned on a node whose clock is behind could land
 * inside one, and is counted once that slice's reuse expires.
 */
final class BroadcastDeliveryCounts {
    /** Notifications per slice in production; a chunk of planning is 500. */
    static final int SLICE = 1_000;
    static final Duration REUSE = Duration.ofMinutes(1);
    /** Broadcasts whose kept slices stay in memory (a million-subscriber broadcast keeps 1,000 small entries). */
    private static final int BROADCASTS_KEPT = 64;
    /** Below every notification id: the exclusive lower bound of a broadcast's first slice. */
    private static final UUID FIRST = new UUID(0, 0);

    private final JdbcClient client;
    private final Clock clock;
    private final int slice;
    private final Map<Key, Map<UUID, Kept>> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Map<UUID, Kept>> eldest) {
            return size() > BROADCASTS_KEPT;
        }
    };

    BroadcastDeliveryCounts(JdbcClient client, Clock clock, int slice) {
        this.client = client;
        this.clock = clock;
        this.slice = slice;
    }

    private record Key(String tenant, UUID broadcast) {
    }

    /** The counts of the slice of notifications after the key's id up to {@code upTo} (inclusive), and when. */
    private record Kept(UUID upTo, Map<DeliveryStatus, Long> counts, Instant countedAt) {
    }

    Map<DeliveryStatus, Long> count(TenantId tenant, UUID broadcast) {
        Map<DeliveryStatus, Long> total = new EnumMap<>(DeliveryStatus.class);
        if (client.sql("SELECT COUNT(*) FROM broadcast WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), broadcast).query(Long.class).single() == 0) {
            return total;
        }
        Key key = new Key(tenant.value(), broadcast);
        Map<UUID, Kept> before;
        synchronized (kept) {
            before = kept.getOrDefault(key, Map.of());
        }
        Map<UUID, Kept> after = new HashMap<>();
        Instant now = clock.instant();
        UUID from = FIRST;
        while (true) {
            Kept known = before.get(from);
            if (known != null && now.isBefore(known.countedAt().plus(REUSE))) {
                add(total, known.counts());
                after.put(from, known);
                from = known.upTo();
                continue;
            }
            List<UUID> notifications = walk(broadcast, from);
            if (notifications.isEmpty()) {
                break;
            }
            Map<DeliveryStatus, Long> counts = count(notifications);
            add(total, counts);
            if (notifications.size() < slice) {
                // The last slice may still grow while the broadcast is planned: never kept.
                break;
            }
            UUID upTo = notifications.getLast();
            if (counts.keySet().stream().allMatch(DeliveryStatus::isFinal)) {
                after.put(from, new Kept(upTo, counts, now));
            }
            from = upTo;
        }
        synchronized (kept) {
            kept.put(key, Map.copyOf(after));
        }
        return total;
    }

    /** The next {@code slice} notifications of the broadcast after {@code from}, in id order. */
    private List<UUID> walk(UUID broadcast, UUID from) {
        // Ordered by the whole index, so that H2 walks it in order and stops at the limit.
        return client.sql("SELECT notification_id FROM broadcast_notification WHERE broadcast_id = ?"
                        + " AND notification_id > ? ORDER BY broadcast_id, notification_id LIMIT ?")
                .params(broadcast, from, slice).query((rs, i) -> Sql.uuid(rs, "notification_id")).list();
    }

    /**
     * Their deliveries by status. The ids are joined as one array, so the plan (which H2 keeps per statement, made
     * when the tables may still have been small) can only probe delivery_notification once per id; no tenant_id on
     * delivery for the same reason (H2 could pick the tenant's index): the broadcast was checked to be the tenant's,
     * and so are the notifications planned for it.
     */
    private Map<DeliveryStatus, Long> count(List<UUID> notifications) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        client.sql("SELECT d.status, COUNT(*) AS n FROM UNNEST(CAST(? AS UUID ARRAY)) AS wanted (id)"
                        + " JOIN delivery d ON d.notification_id = wanted.id GROUP BY d.status")
                .param(new SqlArrayValue("UUID", notifications.toArray()))
                .query(rs -> {
                    counts.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    private static void add(Map<DeliveryStatus, Long> total, Map<DeliveryStatus, Long> counts) {
        counts.forEach((status, n) -> total.merge(status, n, Long::sum));
    }
}
