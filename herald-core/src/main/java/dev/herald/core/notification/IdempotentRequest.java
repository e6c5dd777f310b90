package dev.herald.core.notification;

import java.time.Instant;
import java.util.UUID;

/** What an idempotency key is bound to: the notification it created, the request's fingerprint, and when. */
public record IdempotentRequest(UUID notificationId, String requestHash, Instant createdAt) {
}
