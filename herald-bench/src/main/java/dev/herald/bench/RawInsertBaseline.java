package dev.herald.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The ceiling: batched inserts of delivery-shaped rows into the same database, one commit per batch,
 * with nothing else going on. Herald's numbers are read as a ratio of this.
 */
final class RawInsertBaseline {
    private static final String TABLE = """
            CREATE TABLE bench_delivery (
                id UUID NOT NULL PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, notification_id UUID NOT NULL,
                type VARCHAR(100) NOT NULL, channel VARCHAR(16) NOT NULL, lane VARCHAR(8) NOT NULL,
                user_id VARCHAR(128), address VARCHAR(4096), status VARCHAR(16) NOT NULL, attempts INTEGER NOT NULL,
                due_at TIMESTAMP WITH TIME ZONE, subject VARCHAR(1000), body_text VARCHAR(100000),
                body_html VARCHAR(200000), created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP WITH TIME ZONE NOT NULL)""";
    private static final String INSERT = """
            INSERT INTO bench_delivery (id, tenant_id, notification_id, type, channel, lane, user_id, address, status,
                                        attempts, due_at, subject, body_text, body_html, created_at, updated_at)
            VALUES (?, 'default', ?, 'bench.event', 'EMAIL', 'NORMAL', NULL, ?, 'QUEUED', 0, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;

    RawInsertBaseline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return rows per second */
    double run(int rows, int batchSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_delivery");
                s.execute(TABLE);
                s.execute("CREATE INDEX bench_delivery_due ON bench_delivery (lane, due_at)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (int i = 0; i < rows; i++) {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, UUID.randomUUID());
                    insert.setString(3, "user" + i + "@example.com");
                    insert.setObject(4, now);
                    insert.setString(5, "Bench");
                    insert.setString(6, "Benchmark message " + i);
                    insert.setString(7, "<p>Benchmark message " + i + "</p>");
                    insert.setObject(8, now);
                    insert.setObject(9, now);
                    insert.addBatch();
                    if ((i + 1) % batchSize == 0 || i == rows - 1) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_delivery");
            }
            c.commit();
            return rows / seconds;
        }
    }
}
