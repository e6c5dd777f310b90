package dev.herald.jdbc;

import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.model.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.herald.core.model.Channel;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Content dedup on the {@code dedup_key} primary key: inserting the hash is the claim, so two racing deliveries
 * cannot both win. An expired or fruitless holder is replaced with a compare-and-set on the holder it was read as;
 * a live holder is a duplicate once it got through, and pending until then.
 */
public final class JdbcDedupGuard implements DedupGuard {
    // A holder in one of these never reached anyone: its content may be sent by the next delivery.
    private static final Set<String> FRUITLESS = Set.of("FAILED", "DEAD", "EXPIRED",
            "CANCELLED", "SUPPRESSED");
    // A holder in one of these got through: a repeat of it is a duplicate. Any other holder is still on its way.
    private static final Set<String> REACHED = Set.of("SENT", "DELIVERED", "READ");

    private final JdbcClient client;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;

    public JdbcDedupGuard(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect) {
        this.client = JdbcClient.create(jdbc);
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
    }

    /**
     * A claim is one small commit per send. Where the dialect allows (PostgreSQL) it does not wait for the WAL
     * flush ({@code synchronous_commit = off} for this transaction only): measured, waiting made every send pay a disk
     * flush (dispatch fell by an order of magnitude). The cost is that a database crash can forget the last
     * fraction of a second of claims, which at worst lets one repeat through; the deliveries themselves keep full
     * durability.
     */
    private void insertClaim(TenantId tenant, String contentHash, UUID deliveryId, Instant until) {
        tx.executeWithoutResult(status -> {
            dialect.relaxCommitDurability().ifPresent(jdbc::execute);
            client.sql("INSERT INTO dedup_key (tenant_id, hash, delivery_id, expires_at) VALUES (?, ?, ?, ?)")
                    .params(tenant.value(), contentHash, deliveryId, Sql.ts(until)).update();
        });
    }

    @Override
    public Claim claim(TenantId tenant, String contentHash, UUID deliveryId, Duration window, Instant now) {
        return settle(tenant, contentHash, deliveryId, now.plus(window), now, true);
    }

    /**
     * The batch's claims in one transaction of one batched statement that inserts each hash nobody holds (and
     * inserts nothing where someone does, so it never fails on a taken hash). The hashes it could not take, rare
     * outside real repeats, are settled one by one as {@link #claim} settles a taken hash. The transaction commits
     * like {@link #insertClaim}'s.
     */
    @Override
    public List<Claim> claimAll(List<Request> requests, Instant now) {
        if (requests.isEmpty()) {
            return List.of();
        }
        // In key order, so two batches taking some of the same hashes wait for each other instead of deadlocking;
        // the sort is stable, so of two requests for one hash the earlier still comes first.
        List<Integer> order = IntStream.range(0, requests.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> requests.get(i).tenant().value())
                        .thenComparing(i -> requests.get(i).contentHash()))
                .toList();
        List<Object[]> rows = new ArrayList<>(requests.size());
        for (int i : order) {
            Request r = requests.get(i);
            rows.add(new Object[]{r.tenant().value(), r.contentHash(), r.deliveryId(), Sql.ts(now.plus(r.window()))});
        }
        int[] counts;
        try {
            counts = tx.execute(status -> {
                dialect.relaxCommitDurability().ifPresent(jdbc::execute);
                return jdbc.batchUpdate(dialect.claimContentIfFree(), rows);
            });
        } catch (DuplicateKeyException raced) {
            // Another transaction inserted one of these hashes after this one looked: nothing was written, so
            // settle each on its own.
            return DedupGuard.super.claimAll(requests, now);
        }
        int[] inserted = new int[requests.size()];
        for (int k = 0; k < order.size(); k++) {
            inserted[order.get(k)] = counts[k];
        }
        List<Claim> claims = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            // Anything but a count of one (a driver that answers "no info") is settled by looking at the holder.
            claims.add(inserted[i] == 1 ? new Claim.Clear()
                    : settle(r.tenant(), r.contentHash(), r.deliveryId(), now.plus(r.window()), now, false));
        }
        return claims;
    }

    /** Takes the hash, or answers what its holder means for this delivery; {@code insertFirst} false: it is taken. */
    private Claim settle(TenantId tenant, String contentHash, UUID deliveryId, Instant until, Instant now,
                         boolean insertFirst) {
        boolean insert = insertFirst;
        for (int round = 0; round < 4; round++) {
            if (insert) {
                try {
                    insertClaim(tenant, contentHash, deliveryId, until);
                    return new Claim.Clear();
                } catch (DuplicateKeyException taken) {
                    // Held: see by whom, below.
                }
            }
            insert = true;
            Optional<Claim> answer = byHolder(tenant, contentHash, deliveryId, until, now);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        // The row kept changing under us: let the message through rather than hold it on a guess.
        return new Claim.Clear();
    }

    /** What the hash's holder means for this delivery; empty when the row changed meanwhile and needs another look. */
    private Optional<Claim> byHolder(TenantId tenant, String contentHash, UUID deliveryId, Instant until,
                                     Instant now) {
        Optional<Holder> holder = client.sql("""
                        SELECT k.delivery_id, k.expires_at, d.status FROM dedup_key k
                        LEFT JOIN delivery d ON d.id = k.delivery_id
                        WHERE k.tenant_id = ? AND k.hash = ?""")
                .params(tenant.value(), contentHash)
                .query((rs, i) -> new Holder(Sql.uuid(rs, "delivery_id"), Sql.instant(rs, "expires_at"),
                        rs.getString("status")))
                .optional();
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Holder h = holder.get();
        if (h.id().equals(deliveryId)) {
            // Sent again (a lost lease, a deferral): still ours, and the window starts again.
            client.sql("UPDATE dedup_key SET expires_at = ? WHERE tenant_id = ? AND hash = ? AND delivery_id = ?")
                    .params(Sql.ts(until), tenant.value(), contentHash, deliveryId).update();
            return Optional.of(new Claim.Clear());
        }
        boolean gone = !h.expiresAt().isAfter(now) || h.status() == null || FRUITLESS.contains(h.status());
        if (gone) {
            int takenOver = client.sql("UPDATE dedup_key SET delivery_id = ?, expires_at = ?"
                            + " WHERE tenant_id = ? AND hash = ? AND delivery_id = ?")
                    .params(deliveryId, Sql.ts(until), tenant.value(), contentHash, h.id()).update();
            // Nothing taken over: someone else changed the row meanwhile, look again.
            return takenOver > 0 ? Optional.of(new Claim.Clear()) : Optional.empty();
        }
        return Optional.of(REACHED.contains(h.status()) ? new Claim.Duplicate(h.id()) : new Claim.Pending(h.id()));
    }

    private record Holder(UUID id, Instant expiresAt, String status) {
    }

    @Override
    public void countSuppressed(TenantId tenant, Channel channel, LocalDate day) {
        for (int round = 0; round < 3; round++) {
            int updated = client.sql("UPDATE dedup_saving SET suppressed = suppressed + 1"
                            + " WHERE tenant_id = ? AND channel = ? AND on_day = ?")
                    .params(tenant.value(), channel.name(), day).update();
            if (updated > 0) {
                return;
            }
            try {
                client.sql("INSERT INTO dedup_saving (tenant_id, channel, on_day, suppressed) VALUES (?, ?, ?, 1)")
                        .params(tenant.value(), channel.name(), day).update();
                return;
            } catch (DuplicateKeyException raced) {
                // Another node counted the day's first one at the same moment: add ours to it.
            }
        }
    }

    @Override
    public Map<Channel, Long> suppressedSince(TenantId tenant, LocalDate since) {
        Map<Channel, Long> counts = new EnumMap<>(Channel.class);
        client.sql("SELECT channel, SUM(suppressed) AS n FROM dedup_saving WHERE tenant_id = ? AND on_day >= ?"
                        + " GROUP BY channel")
                .params(tenant.value(), since)
                .query(rs -> {
                    counts.put(Channel.valueOf(rs.getString("channel")), rs.getLong("n"));
                });
        return counts;
    }

    /** Forgets hashes whose window has passed, a batch at a time; returns how many went. */
    public int sweep(Instant now, int max) {
        // The outer condition is checked again on the row itself: a claim refreshed meanwhile is not swept.
        return client.sql("DELETE FROM dedup_key WHERE expires_at <= ? AND (tenant_id, hash) IN ("
                        + "SELECT tenant_id, hash FROM dedup_key WHERE expires_at <= ? LIMIT ?)")
                .params(Sql.ts(now), Sql.ts(now), max).update();
    }
}
