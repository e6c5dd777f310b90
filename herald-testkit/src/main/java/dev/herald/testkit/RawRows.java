package dev.herald.testkit;

/**
 * Writes straight to the database behind the stores, as a hand edit or a botched migration would: for tests of rows
 * the stores cannot read, and of what becomes of the others meanwhile.
 */
public interface RawRows {
    /** Runs one statement; answers the rows it changed. */
    int update(String sql, Object... params);

    /** The one value a query answers, as a long. */
    long number(String sql, Object... params);
}
