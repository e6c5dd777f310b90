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
import java.util.EnumMap;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Content dedup on the {@code dedup_key} primary key: inserting the hash is the claim, so two racing deliveries
 * cannot both win. An expired or fruitless holder is replaced with a compare-and-set on the row it was read as.
 */
public final class JdbcDedupGuard implements DedupGuard {
    // A holder in one of these never reached anyone: its content may be sent by the next delivery.
    private static final String FRUITLESS = "'FAILED', 'DEAD', 'EXPIRED', 'CANCELLED', 'SUPPRESSED'";

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
     * A claim is one small commit per send. On PostgreSQL it does not wait for the WAL flush
     * ({@code synchronous_commit = off} for this transaction only): measured, waiting made every send pay a disk
     * flush (dispatch fell by an order of magnitude). The cost is that a database crash can forget the last
     * fraction of a second of claims, which at worst lets one repeat through; the deliveries themselves keep full
     * durability.
     */
    private void insertClaim(TenantId tenant, String contentHash, UUID deliveryId, Instant until) {
        tx.executeWithoutResult(status -> {
            if (dialect == SqlDialect.POSTGRESQL) {
                jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            }
            client.sql("INSERT INTO dedup_key (tenant_id, hash, delivery_id, expires_at) VALUES (?, ?, ?, ?)")
                    .params(tenant.value(), contentHash, deliveryId, Sql.ts(until)).update();
        });
    }

    @Override
    public Optional<UUID> claim(TenantId tenant, String contentHash, UUID deliveryId, Duration window, Instant now) {
        Instant until = now.plus(window);
        for (int round = 0; round < 3; round++) {
            try {
                insertClaim(tenant, contentHash, deliveryId, until);
                return Optional.empty();
            } catch (DuplicateKeyException taken) {
                Optional<UUID> holder = client.sql("""
                                SELECT k.delivery_id FROM dedup_key k WHERE k.tenant_id = ? AND k.hash = ?""")
                        .params(tenant.value(), contentHash).query((rs, i) -> Sql.uuid(rs, "delivery_id")).optional();
                if (holder.isEmpty()) {
                    continue;
                }
                if (holder.get().equals(deliveryId)) {
                    return Optional.empty();
                }
                int takenOver = client.sql("UPDATE dedup_key SET delivery_id = ?, expires_at = ?"
                                + " WHERE tenant_id = ? AND hash = ? AND delivery_id = ? AND (expires_at <= ?"
                                + " OR EXISTS (SELECT 1 FROM delivery d WHERE d.id = ? AND d.status IN (" + FRUITLESS
                                + ")))")
                        .params(deliveryId, Sql.ts(until), tenant.value(), contentHash, holder.get(), Sql.ts(now),
                                holder.get())
                        .update();
                if (takenOver > 0) {
                    return Optional.empty();
                }
                return holder;
            }
        }
        // The row kept vanishing under us (expired and deleted by others): let the message through.
        return Optional.empty();
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
        return client.sql("DELETE FROM dedup_key WHERE (tenant_id, hash) IN (SELECT tenant_id, hash FROM dedup_key"
                        + " WHERE expires_at <= ? LIMIT ?)")
                .params(Sql.ts(now), max).update();
    }
}
