package dev.herald.core.model;

/**
 * Tells a failure that passes by itself (the database unreachable or restarting, a transaction that lost a conflict,
 * a pool or lock timeout) from one of the item being worked on (a row that cannot be read, a write always refused).
 * A runner's item that fails by a passing failure waits as usual but does not use up an attempt, so an outage of
 * any length never sets healthy work aside. The server's is {@code jdbc.PassingDatabaseFailures}.
 */
@FunctionalInterface
public interface PassingFailures {
    /** Whether this failure (with its causes) passes by itself. */
    boolean passes(Throwable failure);

    /** Every failure counts. */
    static PassingFailures none() {
        return failure -> false;
    }
}
