package dev.herald.core.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Port: the audit log. {@link #record} joins the caller's transaction when there is one, so a change and its entry
 * commit or roll back together.
 */
public interface AuditTrail {
    void record(AuditEntry entry);

    /** Entries matching the query, newest first, after the entry {@code after} (null: from the newest). */
    AuditPage list(AuditQuery query, int limit, UUID after);

    /** Deletes up to {@code max} entries older than {@code before}, every tenant's; returns how many went. */
    int prune(Instant before, int max);
}
