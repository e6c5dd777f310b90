package dev.herald.core.audit;

import java.util.List;
import java.util.UUID;

/** Audit entries, newest first, and the id the next page starts after (null on the last page). */
public record AuditPage(List<AuditEntry> items, UUID nextCursor) {
}
