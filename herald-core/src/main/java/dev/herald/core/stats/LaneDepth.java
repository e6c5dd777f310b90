package dev.herald.core.stats;

import dev.herald.core.model.Priority;

import java.time.Duration;

/** How much of a tenant's work is due on a lane now, and how long the oldest of it has been due (zero when none). */
public record LaneDepth(Priority lane, long due, Duration oldestDue) {
}
