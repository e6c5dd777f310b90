package dev.herald.core.intake;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A request that passed every rule: enums parsed, limits checked, duplicates removed. */
public record ValidNotification(String type, List<RecipientSpec> recipients, List<Channel> channels,
                                Priority priority, ContentSpec content, Map<String, Object> data,
                                String idempotencyKey, Instant sendAt, Instant expiresAt) {
}
