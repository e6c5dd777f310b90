package dev.herald.core.types;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.herald.core.model.Channel.EMAIL;
import static dev.herald.core.model.Channel.IN_APP;
import static dev.herald.core.model.Channel.PUSH;
import static dev.herald.core.model.Channel.SLACK;

/**
 * The business rules Herald ships with (PRODUCT.md's seed table), created for a tenant on first start and editable
 * afterwards. The operations Slack channel of {@code payment.failed} has no address until the tenant sets one.
 */
public final class SeedTypes {
    private SeedTypes() {
    }

    public static List<NotificationType> all(Instant at) {
        return List.of(
                type("payment.completed", List.of(EMAIL, IN_APP), "payerId", at),
                type("payment.failed", List.of(EMAIL, IN_APP, SLACK), "payerId", at),
                type("subscription.renewed", List.of(EMAIL), "subscriberId", at),
                type("subscription.expiring", List.of(EMAIL, IN_APP), "subscriberId", at),
                type("chat.message", List.of(EMAIL, PUSH), "sellerId", at),
                type("order.purchased", List.of(EMAIL, PUSH), "sellerId", at),
                type("order.payment_reminder", List.of(PUSH), "buyerId", at),
                type("order.shipped", List.of(PUSH), "buyerId", at),
                new NotificationType("security.alert", List.of(), true, Priority.CRITICAL, true, List.of("userId"),
                        Map.of(), null, null, at));
    }

    private static NotificationType type(String name, List<Channel> channels, String recipientField, Instant at) {
        return new NotificationType(name, channels, false, Priority.NORMAL, false, List.of(recipientField), Map.of(),
                null, null, at);
    }
}
