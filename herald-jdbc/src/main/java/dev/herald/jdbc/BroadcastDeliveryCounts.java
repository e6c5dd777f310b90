package dev.herald.jdbc;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A broadcast's deliveries counted by status without reading every one of them on every progress read. The
 * broadcast's notifications are walked in id order (time order: ids are UUIDv7, and chunks are planned one after
 * another) in slices of {@code slice}, and each slice's counts are kept in this node's memory:
 * <ul>
 *   <li>no count shown is older than {@link #REUSE}: a slice is counted again once its reuse ends, between half of
 *   {@code REUSE} and all of it after it was counted (a final delivery can still move: receipts move SENT to
 *   DELIVERED, READ or FAILED, an operator replays a DEAD one, and nothing on those paths knows the broadcast);</li>
 *   <li>a slice whose deliveries were all final is reused until then. How long, within that half minute, is set by
 *   the slice's place in the walk (spread evenly whatever the number of slices), so the slices of one read, which
 *   were counted together, do not all come due together: without it, once a minute a read counted the whole
 *   broadcast again;</li>
 *   <li>of the slices still moving (planned, not yet sent), a read also counts again the {@code freshPerRead}
 *   counted longest ago and shows the others' last counts: polled once a second, a read costs that many slices as
 *   long as the backlog is under 60 × slice × freshPerRead notifications (1,500,000), however large it is;</li>
 *   <li>the last slice (which grows while the broadcast is planned) is counted on every read;</li>
 *   <li>slices never counted on this node are counted {@code newPerRead} a read, in walk order; the notifications
 *   after them are shown as {@link DeliveryStatus#ACCEPTED}, one delivery each, from the broadcast's planned count.
 *   The first read of a million-subscriber broadcast on a node (a restart, another node behind the balancer) used
 *   to count all thousand slices at once; now it answers at the cost of a hundred, and reads a second apart count
 *   the rest in ten seconds. Shown so, the pending count is only a guess (a notification may have several
 *   deliveries), but it is pending, so the broadcast is not shown DONE before every slice has been counted.</li>
 * </ul>
 * Stale counts only ever show more pending than there is, so DONE comes late, never early (but for a replayed DEAD
 * delivery in a reused slice). Slice boundaries stay valid because later chunks get later ids; a chunk planned on a
 * node whose clock is behind could land inside a counted slice, and shows once that slice is counted again.
 */
final class BroadcastDeliveryCounts {
    /** Notifications per slice in production; a chunk of planning is 500. */
    static final int SLICE = 1_000;
    /** Slices still moving counted again per read in production: 25,000 notifications. */
    static final int FRESH_PER_READ = 25;
    /** Slices never counted on this node counted per read in production: 100,000 notifications. */
    static final int NEW_PER_READ = 100;
    /** No count shown is older than this; a final slice's counts are reused for between half of it and all of it. */
    static final Duration REUSE = Duration.ofMinutes(1);
    private static final double GOLDEN_FRACTION = 0.6180339887498949;
    /** Broadcasts whose slices stay in memory (a million-subscriber broadcast keeps 1,000 small entries). */
    private static final int BROADCASTS_KEPT = 64;
    /** Below every notification id: the exclusive lower bound of a broadcast's first slice. */
    private static final UUID FIRST = new UUID(0, 0);

    private final JdbcClient client;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;
    private final Clock clock;
    private final int slice;
    private final int freshPerRead;
    private final int newPerRead;
    private final Map<Key, Map<UUID, Counted>> counted = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Map<UUID, Counted>> eldest) {
            return size() > BROADCASTS_KEPT;
        }
    };

    BroadcastDeliveryCounts(JdbcClient client, TransactionTemplate tx, SqlDialect dialect, Clock clock, int slice,
                            int freshPerRead, int newPerRead) {
        this.dialect = dialect;
        this.client = client;
        this.tx = tx;
        this.clock = clock;
        this.slice = slice;
        this.freshPerRead = freshPerRead;
        this.newPerRead = newPerRead;
    }

    private record Key(String tenant, UUID broadcast) {
    }

    /**
     * The counts of the slice of notifications after the map key's id up to {@code upTo} (inclusive), when they were
     * counted and until when they may be reused.
     */
    private record Counted(UUID upTo, Map<DeliveryStatus, Long> counts, Instant countedAt, Instant reuseUntil) {
        boolean allFinal() {
            return counts.keySet().stream().allMatch(DeliveryStatus::isFinal);
        }
    }

    /**
     * The broadcast's deliveries by status, in one transaction on PostgreSQL, so the walk's planner settings are set
     * once a read rather than once a slice (the counts' own plans are fenced per key and stay index probes).
     */
    Map<DeliveryStatus, Long> count(TenantId tenant, UUID broadcast) {
        return inIndexOrder(() -> countNow(tenant, broadcast));
    }

    private Map<DeliveryStatus, Long> countNow(TenantId tenant, UUID broadcast) {
        Map<DeliveryStatus, Long> total = new EnumMap<>(DeliveryStatus.class);
        Optional<Long> planned = client.sql("SELECT planned FROM broadcast WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), broadcast).query(Long.class).optional();
        if (planned.isEmpty()) {
            return total;
        }
        Key key = new Key(tenant.value(), broadcast);
        Map<UUID, Counted> before;
        synchronized (counted) {
            before = counted.getOrDefault(key, Map.of());
        }
        Instant now = clock.instant();
        Set<UUID> again = new HashSet<>();
        before.forEach((from, c) -> {
            if (!now.isBefore(c.reuseUntil())) {
                again.add(from);
            }
        });
        // Stable sort over slices in walk order: among equally old counts, the earlier slices go first.
        before.entrySet().stream().filter(e -> !e.getValue().allFinal())
                .sorted(Comparator.comparing(e -> e.getValue().countedAt())).limit(freshPerRead)
                .forEach(e -> again.add(e.getKey()));

        Map<UUID, Counted> after = new LinkedHashMap<>();
        UUID from = FIRST;
        long walked = 0;
        int newlyCounted = 0;
        for (int place = 0; ; place++) {
            Counted known = before.get(from);
            if (known != null && !again.contains(from)) {
                add(total, known.counts());
                after.put(from, known);
                from = known.upTo();
                walked += slice;
                continue;
            }
            if (known == null && newlyCounted++ == newPerRead) {
                long notCounted = planned.get() - walked;
                if (notCounted > 0) {
                    total.merge(DeliveryStatus.ACCEPTED, notCounted, Long::sum);
                }
                break;
            }
            List<UUID> notifications = walk(tenant, broadcast, from);
            if (notifications.isEmpty()) {
                break;
            }
            Map<DeliveryStatus, Long> counts = count(notifications);
            add(total, counts);
            if (notifications.size() < slice) {
                break;
            }
            UUID upTo = notifications.getLast();
            after.put(from, new Counted(upTo, counts, now, now.plus(reuseFor(place))));
            from = upTo;
            walked += slice;
        }
        synchronized (counted) {
            counted.put(key, after);
        }
        return total;
    }

    /**
     * How long the counts of the slice at this place in the walk are reused: from half of {@link #REUSE} to just under
     * all of it, the place's multiple of the golden ratio's fraction deciding where. Consecutive places land far apart
     * and any run of them covers the half minute evenly, so a read's slices come due a few at a time.
     */
    static Duration reuseFor(int place) {
        long half = REUSE.toMillis() / 2;
        return Duration.ofMillis(half + (long) (half * ((place * GOLDEN_FRACTION) % 1.0)));
    }

    /**
     * The next {@code slice} notifications of the broadcast after {@code from}, in id order. Ordered by the whole
     * index, so that H2 walks it in order and stops at the limit; tenant_id (V23) is only checked on the rows the
     * index finds. PostgreSQL is told to walk the index too ({@link SqlDialect#readIndexInOrder}, set by
     * {@link #count} for the read): from statistics taken before the broadcast was planned it expected a few hundred
     * rows and collected all of them (a bitmap scan) to sort them for every slice: a second a slice at a million.
     */
    private List<UUID> walk(TenantId tenant, UUID broadcast, UUID from) {
        return client.sql(WALK).params(broadcast, from, tenant.value(), slice)
                .query((rs, i) -> Sql.uuid(rs, "notification_id")).list();
    }

    private static final String WALK = "SELECT notification_id FROM broadcast_notification WHERE broadcast_id = ?"
            + " AND notification_id > ? AND tenant_id = ? ORDER BY broadcast_id, notification_id LIMIT ?";

    /** The plan of {@link #walk}, as EXPLAIN ANALYZE shows it, run the way the walk runs (for the plan test). */
    String planOfWalk(TenantId tenant, UUID broadcast, UUID from) {
        return String.join("\n", inIndexOrder(() -> client.sql("EXPLAIN ANALYZE " + WALK)
                .params(broadcast, from, tenant.value(), slice).query(String.class).list()));
    }

    private <T> T inIndexOrder(Supplier<T> read) {
        List<String> settings = dialect.readIndexInOrder();
        if (settings.isEmpty()) {
            return read.get();
        }
        return tx.execute(status -> {
            settings.forEach(setting -> client.sql(setting).update());
            return read.get();
        });
    }

    /**
     * Their deliveries by status. The ids are joined as one array, so the plan (which H2 keeps per statement, made
     * when the tables may still have been small) can only probe delivery_notification once per id (on PostgreSQL
     * fenced per id, {@link SqlDialect#byKeys}: as a plain join, with the delivery table grown since its last
     * ANALYZE, it sorted the whole table for every slice: 190 ms on three processes at 170,000 deliveries); no
     * tenant_id on
     * delivery for the same reason (H2 could pick the tenant's index): the broadcast was checked to be the tenant's,
     * and so are the notifications planned for it.
     */
    private Map<DeliveryStatus, Long> count(List<UUID> notifications) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        client.sql(dialect.byKeys(Sql.WANTED_IDS, "d.status, COUNT(*) AS n", "delivery", "d",
                        "d.notification_id = wanted.id") + " GROUP BY d.status")
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
