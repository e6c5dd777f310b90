package dev.herald.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The few statements that differ between the embedded H2 and PostgreSQL. */
public enum SqlDialect {
    /** Claims in three statements (lock with SKIP LOCKED, update, read back): H2 has no UPDATE ... RETURNING. */
    H2,
    /** Claims in one statement: UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING. */
    POSTGRESQL;

    /**
     * Concurrent group-commit writers: H2 serialises commits anyway, so one writer makes the biggest groups;
     * PostgreSQL commits in parallel, so a few writers keep its connections busy.
     */
    public int groupCommitWriters() {
        return this == H2 ? 1 : 4;
    }

    public static SqlDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            if (product.contains("h2")) {
                return H2;
            }
            throw new IllegalStateException("unsupported database '" + product + "': Herald runs on H2 or PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to detect its kind: " + e.getMessage(), e);
        }
    }
}
