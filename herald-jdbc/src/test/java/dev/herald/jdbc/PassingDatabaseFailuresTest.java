package dev.herald.jdbc;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which failures pass by themselves: the database unreachable (a real refused connection), a lost conflict, a lock
 * or query timeout, PostgreSQL shutting down; and which are the item's own: a duplicate key, bad SQL, a row this
 * version cannot read. Wrapped in our own exceptions, as the runners see them.
 */
class PassingDatabaseFailuresTest {
    private final PassingDatabaseFailures passing = new PassingDatabaseFailures();

    @Test
    void aDatabaseThatCannotBeReachedPasses() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        // Port 1 on this host: refused at once, as a database that is down or restarting.
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/herald?connectTimeout=2");
        Throwable refused = catchThrowable(() -> new JdbcTemplate(nowhere).queryForObject("SELECT 1", Integer.class));

        assertThat(refused).isNotNull();
        assertThat(passing.passes(refused)).as(refused.getClass().getName()).isTrue();
        assertThat(passing.passes(new IllegalStateException("workflow step failed", refused))).isTrue();
    }

    @Test
    void conflictsTimeoutsAndShutdownsPass() {
        assertThat(passing.passes(new CannotAcquireLockException("lock timeout"))).isTrue();
        assertThat(passing.passes(new QueryTimeoutException("statement timeout"))).isTrue();
        assertThat(passing.passes(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        assertThat(passing.passes(new RuntimeException(new SQLException("could not serialize", "40001")))).isTrue();
        assertThat(passing.passes(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(passing.passes(new SQLException("connection failure", "08006"))).isTrue();
    }

    /** As at shutdown: the embedded database closes while a runner still holds a connection to it. */
    @Test
    void anH2DatabaseClosedUnderAnOpenConnectionPasses() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:closing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection held = h2.getConnection(); Connection closer = h2.getConnection()) {
            held.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
            closer.createStatement().execute("SHUTDOWN");
            Throwable closed = catchThrowable(() -> held.createStatement().executeQuery("SELECT COUNT(*) FROM t"));

            assertThat(closed).isInstanceOf(SQLException.class);
            assertThat(passing.passes(new IllegalStateException("broadcast chunk failed", closed)))
                    .as("SQL state %s", ((SQLException) closed).getSQLState()).isTrue();
        }
    }

    @Test
    void theItemsOwnFailuresCount() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:passing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        jdbc.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        jdbc.update("INSERT INTO t VALUES (1)");
        Throwable duplicate = catchThrowable(() -> jdbc.update("INSERT INTO t VALUES (1)"));
        Throwable badSql = catchThrowable(() -> jdbc.queryForObject("SELECT nothing FROM t", Integer.class));

        assertThat(duplicate).isInstanceOf(DuplicateKeyException.class);
        assertThat(badSql).isInstanceOf(BadSqlGrammarException.class);
        assertThat(passing.passes(duplicate)).isFalse();
        assertThat(passing.passes(badSql)).isFalse();
        assertThat(passing.passes(new DataIntegrityViolationException("check"))).isFalse();
        assertThat(passing.passes(new IllegalArgumentException("No enum constant PIGEON"))).isFalse();
        assertThat(passing.passes(null)).isFalse();
    }
}
