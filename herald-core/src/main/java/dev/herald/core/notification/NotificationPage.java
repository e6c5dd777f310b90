package dev.herald.core.notification;

import java.util.List;
import java.util.UUID;

/** One page of a notification search; {@code next} is the cursor for the following page, null on the last one. */
public record NotificationPage(List<NotificationView> items, UUID next) {
}
