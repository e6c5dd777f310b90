package dev.herald.core.intake;

import dev.herald.core.notification.NotificationView;

/** The answer to an accepted notification; {@code replayed} when an idempotency key matched an earlier one. */
public record Accepted(NotificationView notification, boolean replayed) {
}
