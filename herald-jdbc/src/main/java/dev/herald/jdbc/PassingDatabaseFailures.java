package dev.herald.jdbc;

import dev.herald.core.model.PassingFailures;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The database failures that pass by themselves, found anywhere along the cause chain: Spring's transient and
 * recoverable kinds (a lost conflict, a lock or query timeout, a connection to open again), no connection from the
 * pool, JDBC's transient and recoverable exceptions, and the SQL states that say the same (class 08, connection;
 * 40001 serialization, 40P01 deadlock; 57P01 to 57P03, PostgreSQL shutting down or starting; 53300, too many
 * connections; HYT00 and 57014, a timeout or cancelled statement; H2's 90098 and 90121, the embedded database
 * closed under an open connection as the process stops, and 90067, a broken connection to an H2 server). Anything
 * else (a row that cannot be read, a constraint, bad SQL) is the item's own.
 */
public final class PassingDatabaseFailures implements PassingFailures {
    private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300", "HYT00",
            "57014", "90098", "90121", "90067");
    /** Deep enough for Spring's wrapping of a driver's exception inside our own. */
    private static final int MAX_DEPTH = 16;

    @Override
    public boolean passes(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
