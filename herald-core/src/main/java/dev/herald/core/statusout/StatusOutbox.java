package dev.herald.core.statusout;

import java.time.Instant;
import java.util.List;

/**
 * The transactional outbox of status events: the stores write a row with every published status change, in the
 * change's transaction; the relay reads them in order, hands them on and deletes them. Cross-tenant by design (the
 * relay serves every tenant; each event carries its own).
 */
public interface StatusOutbox {
    /** The oldest {@code max} events, in the order they were written. */
    List<StatusEvent> oldest(int max);

    /** Deletes the events at these positions (handed on); positions not present are ignored. */
    void remove(List<Long> positions);

    /** How many events wait to be relayed. */
    long size();

    /**
     * Takes or extends the relay lease until {@code until} for {@code owner}, when it is free, lapsed at {@code now},
     * or already {@code owner}'s: only one relay runs at a time, so events of one key leave in order.
     */
    boolean holdRelay(String owner, Instant now, Instant until);

    /** Gives the lease up (a stopping node), so another may take over without waiting for it to lapse. */
    void releaseRelay(String owner);
}
