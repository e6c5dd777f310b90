package dev.herald.server.api;

import java.util.List;

/** A batch of notifications: {@code {"notifications": [...]}}. */
public record BatchJson(List<NotificationJson> notifications) {
}
