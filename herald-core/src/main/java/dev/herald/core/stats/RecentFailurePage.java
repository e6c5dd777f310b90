package dev.herald.core.stats;

import java.util.List;
import java.util.UUID;

/** A page of recent failures, newest first; {@code nextCursor} is the last one's id, or null on the last page. */
public record RecentFailurePage(List<RecentFailure> items, UUID nextCursor) {
}
