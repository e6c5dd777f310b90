package dev.herald.jdbc;

import dev.herald.core.model.StatusMove;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything that differs between the embedded H2 and PostgreSQL, in one place (as db-scheduler's
 * {@code JdbcCustomization}): the stores ask the dialect and never test which database they run on.
 */
public enum SqlDialect {
    /** Claims in three statements (lock with SKIP LOCKED, update, read back): H2 has no UPDATE ... RETURNING. */
    H2 {
        @Override
        public int groupCommitWriters() {
            return 1;
        }

        @Override
        Optional<String> claimInOneStatement() {
            return Optional.empty();
        }

        @Override
        Optional<String> relaxCommitDurability() {
            return Optional.empty();
        }

        // H2 walks an index in order whenever the ORDER BY is the index's.
        @Override
        List<String> readIndexInOrder() {
            return List.of();
        }

        @Override
        public Optional<String> connectionInitSql() {
            return Optional.empty();
        }

        // H2 has no INSERT ... ON CONFLICT; the standard MERGE adds to the row when it is there.
        private static final String ADD_TO_STATS = """
                MERGE INTO delivery_stats t
                USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS DATE), CAST(? AS VARCHAR(16)),
                               CAST(? AS VARCHAR(100)), CAST(? AS SMALLINT), %s))
                      AS s (tenant_id, on_day, channel, type, slot, %s)
                ON t.tenant_id = s.tenant_id AND t.on_day = s.on_day AND t.channel = s.channel AND t.type = s.type
                   AND t.slot = s.slot
                WHEN MATCHED THEN UPDATE SET %s
                WHEN NOT MATCHED THEN INSERT (tenant_id, on_day, channel, type, slot, %s)
                    VALUES (s.tenant_id, s.on_day, s.channel, s.type, s.slot, %s)""".formatted(
                StatsTally.COLUMNS.stream().map(c -> "CAST(? AS BIGINT)").collect(Collectors.joining(", ")),
                String.join(", ", StatsTally.COLUMNS),
                StatsTally.COLUMNS.stream().map(c -> c + " = t." + c + " + s." + c).collect(Collectors.joining(", ")),
                String.join(", ", StatsTally.COLUMNS),
                StatsTally.COLUMNS.stream().map(c -> "s." + c).collect(Collectors.joining(", ")));

        // H2 has no ON CONFLICT: inserts nothing where the hash is held (the same transaction's earlier rows
        // included). A hash another transaction inserts meanwhile still fails the batch with a duplicate key.
        @Override
        String claimContentIfFree() {
            return """
                    INSERT INTO dedup_key (tenant_id, hash, delivery_id, expires_at)
                    SELECT CAST(?1 AS VARCHAR(64)), CAST(?2 AS CHAR(64)), CAST(?3 AS UUID),
                           CAST(?4 AS TIMESTAMP WITH TIME ZONE)
                    WHERE NOT EXISTS (SELECT 1 FROM dedup_key k WHERE k.tenant_id = ?1 AND k.hash = ?2)""";
        }

        @Override
        String addToStats() {
            return ADD_TO_STATS;
        }

        private static final String ADD_TO_PROVIDER_STATS = """
                MERGE INTO delivery_provider_stats t
                USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS DATE), CAST(? AS VARCHAR(16)),
                               CAST(? AS VARCHAR(64)), CAST(? AS BIGINT))) AS s (tenant_id, on_day, channel, provider, sent)
                ON t.tenant_id = s.tenant_id AND t.on_day = s.on_day AND t.channel = s.channel
                   AND t.provider = s.provider
                WHEN MATCHED THEN UPDATE SET sent = t.sent + s.sent
                WHEN NOT MATCHED THEN INSERT (tenant_id, on_day, channel, provider, sent)
                    VALUES (s.tenant_id, s.on_day, s.channel, s.provider, s.sent)""";

        @Override
        String addToProviderStats() {
            return ADD_TO_PROVIDER_STATS;
        }
    },
    /** Claims in one statement: UPDATE ... WHERE id = ANY(ARRAY(SELECT ... FOR UPDATE SKIP LOCKED)) RETURNING. */
    POSTGRESQL {
        // The join is fenced into a subquery per key (OFFSET 0 keeps PostgreSQL from pulling it up into a join it
        // may plan as a hash over the whole tenant): one index probe per key, whatever the table's statistics say.
        @Override
        String byKeys(String wanted, String select, String table, String alias, String on) {
            return "SELECT " + select + " FROM " + wanted + " CROSS JOIN LATERAL (SELECT * FROM " + table + " "
                    + alias + " WHERE " + on + " OFFSET 0) " + alias;
        }

        // ARRAY(...) runs the locking subquery once, then updates by primary key: a plan that stays cheap however
        // large the table or its backlog grows (a join against the subquery can degrade to a scan of the table).
        private static final String CLAIM = """
                UPDATE delivery SET status = %s, attempts = attempts + 1, claims = claims + 1, due_at = ?,
                                    lease_owner = ?, updated_at = ?
                WHERE id = ANY(ARRAY(SELECT id FROM delivery WHERE lane = ? AND due_at <= ? AND %s
                                     ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED))
                RETURNING %s""".formatted(StatusSql.to(StatusMove.CLAIM), StatusSql.from(StatusMove.CLAIM),
                JdbcDeliveryQueue.CLAIMED_COLUMNS);

        @Override
        public int groupCommitWriters() {
            return 4;
        }

        @Override
        Optional<String> claimInOneStatement() {
            return Optional.of(CLAIM);
        }

        @Override
        Optional<String> relaxCommitDurability() {
            return Optional.of("SET LOCAL synchronous_commit TO OFF");
        }

        // Neither a bitmap scan (it collects every matching row before the first can be returned) nor a sort: what is
        // left for an ORDER BY that an index has is that index, read in order and stopped at the LIMIT.
        @Override
        List<String> readIndexInOrder() {
            return List.of("SET LOCAL enable_bitmapscan = off", "SET LOCAL enable_sort = off");
        }

        // The delivery table grows from empty to millions of rows faster than autovacuum refreshes its
        // statistics; a generic plan cached while it was small scans the whole table for every update by
        // key (measured: 25x slower outcome writes). Custom plans cost a few microseconds of planning.
        @Override
        public Optional<String> connectionInitSql() {
            return Optional.of("SET plan_cache_mode = force_custom_plan");
        }

        // ON CONFLICT rather than MERGE: two transactions inserting the same new row wait for each other and add,
        // where MERGE would fail one of them with a duplicate key.
        private static final String ADD_TO_STATS = """
                INSERT INTO delivery_stats (tenant_id, on_day, channel, type, slot, %s) VALUES (?, ?, ?, ?, ?, %s)
                ON CONFLICT (tenant_id, on_day, channel, type, slot) DO UPDATE SET %s""".formatted(
                String.join(", ", StatsTally.COLUMNS), Sql.marks(StatsTally.COLUMNS),
                StatsTally.COLUMNS.stream().map(c -> c + " = delivery_stats." + c + " + EXCLUDED." + c)
                        .collect(Collectors.joining(", ")));

        // ON CONFLICT also covers a hash another transaction inserts meanwhile: it waits for it and inserts nothing.
        @Override
        String claimContentIfFree() {
            return """
                    INSERT INTO dedup_key (tenant_id, hash, delivery_id, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (tenant_id, hash) DO NOTHING""";
        }

        @Override
        String addToStats() {
            return ADD_TO_STATS;
        }

        private static final String ADD_TO_PROVIDER_STATS = """
                INSERT INTO delivery_provider_stats (tenant_id, on_day, channel, provider, sent) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, on_day, channel, provider)
                DO UPDATE SET sent = delivery_provider_stats.sent + EXCLUDED.sent""";

        @Override
        String addToProviderStats() {
            return ADD_TO_PROVIDER_STATS;
        }
    };

    /**
     * Concurrent group-commit writers: H2 serialises commits anyway, so one writer makes the biggest groups;
     * PostgreSQL commits in parallel, so a few writers keep its connections busy.
     */
    public abstract int groupCommitWriters();

    /**
     * The claim as one statement taking {@code leaseUntil, workerId, now, lane, now, max} and returning the claimed
     * rows' {@link JdbcDeliveryQueue#CLAIMED_COLUMNS}, or empty where the database claims in steps instead.
     */
    abstract Optional<String> claimInOneStatement();

    /** The statement that lets the current transaction commit without waiting for the disk, where there is one. */
    abstract Optional<String> relaxCommitDurability();

    /**
     * Statements that make the rest of the current transaction answer an {@code ORDER BY … LIMIT} by walking the index
     * that has that order, whatever the statistics say of how many rows match; none where the database does so anyway.
     */
    abstract List<String> readIndexInOrder();

    /**
     * Inserts a content claim unless its hash is held, without failing when it is: {@code tenant, hash, deliveryId,
     * expiresAt}; the update count is 1 where the claim was inserted.
     */
    abstract String claimContentIfFree();

    /**
     * The upsert that adds one row of counts to {@code delivery_stats}: {@code tenant, day, channel, type, slot} and
     * then one value per {@link StatsTally#COLUMNS}.
     */
    abstract String addToStats();

    /**
     * The upsert that adds sent messages to {@code delivery_provider_stats}: {@code tenant, day, channel, provider,
     * sent}.
     */
    abstract String addToProviderStats();

    /**
     * Rows of {@code table} (as {@code alias}) for the texts of an array parameter, each matched by {@code on},
     * which names the text as {@code wanted.id}; the array is the first parameter, those of {@code on} follow, and
     * {@code select} names columns by {@code alias}. One index probe per text on both databases: H2 plans the join
     * that way (an IN list scans the tenant's rows, see {@link Sql#WANTED}); PostgreSQL plans the join by its
     * statistics, and with a tenant's rows underestimated (a table grown since it was last analysed) hashed all of
     * them for every lookup: 0.6–1.3 s per 500 ids among 1,000,000 users, measured on a broadcast's chunk.
     */
    String byKeys(String select, String table, String alias, String on) {
        return byKeys(Sql.WANTED, select, table, alias, on);
    }

    /** As {@link #byKeys(String, String, String, String)}, with the keys as {@code wanted} ({@link Sql#WANTED_IDS}). */
    String byKeys(String wanted, String select, String table, String alias, String on) {
        return "SELECT " + select + " FROM " + wanted + " JOIN " + table + " " + alias + " ON " + on;
    }

    /** The statement every new connection runs first, where the database needs one. */
    public abstract Optional<String> connectionInitSql();

    public static SqlDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return named(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to detect its kind: " + e.getMessage(), e);
        }
    }

    /** The dialect of a JDBC URL ({@code jdbc:h2:…}, {@code jdbc:postgresql:…}), before any connection is open. */
    public static SqlDialect ofUrl(String jdbcUrl) {
        String[] parts = jdbcUrl.split(":", 3);
        return named(parts.length < 2 ? jdbcUrl : parts[1]);
    }

    private static SqlDialect named(String product) {
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("h2")) {
            return H2;
        }
        throw new IllegalStateException("unsupported database '" + product + "': Herald runs on H2 or PostgreSQL");
    }
}
