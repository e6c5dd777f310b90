package dev.herald.core.topics;

import java.time.Instant;

/** A named audience of a tenant's users that a notification may be sent to as a whole (a broadcast). */
public record Topic(String key, String name, String description, Instant createdAt, Instant updatedAt) {
}
