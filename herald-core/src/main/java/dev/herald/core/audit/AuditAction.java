package dev.herald.core.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of change the audit log records, under a stable dotted name: the name is what is stored and what
 * {@code GET /api/v1/audit?action=} filters on, so a name never changes once released (add a new constant instead).
 */
public enum AuditAction {
    TENANT_CREATED("tenant.created"),
    TENANT_UPDATED("tenant.updated"),
    TENANT_DELETED("tenant.deleted"),
    API_KEY_CREATED("api-key.created"),
    API_KEY_REVOKED("api-key.revoked"),
    INTEGRATION_SAVED("integration.saved"),
    INTEGRATION_DELETED("integration.deleted"),
    TYPE_CREATED("type.created"),
    TYPE_UPDATED("type.updated"),
    TYPE_DELETED("type.deleted"),
    TEMPLATE_VERSION_CREATED("template.version-created"),
    TEMPLATE_ACTIVATED("template.activated"),
    PREFERENCES_UPDATED("preferences.updated"),
    /** A user's one-click unsubscribe from a type's email, through the link in that email (no API key). */
    PREFERENCES_UNSUBSCRIBED("preferences.unsubscribed"),
    USER_DELETED("user.deleted"),
    NOTIFICATION_CANCELLED("notification.cancelled"),
    DLQ_RETRIED("dlq.retried"),
    DLQ_RETRIED_ALL("dlq.retried-all"),
    DLQ_DISCARDED("dlq.discarded"),
    EVENT_DLQ_RETRIED("event-dlq.retried"),
    EVENT_DLQ_DISCARDED("event-dlq.discarded"),
    WEBHOOK_ENDPOINT_ENABLED("webhook-endpoint.enabled"),
    STATUS_WEBHOOK_CREATED("status-webhook.created"),
    STATUS_WEBHOOK_DELETED("status-webhook.deleted"),
    STATS_REBUILT("stats.rebuilt"),
    SUPPRESSION_ADDED("suppression.added"),
    SUPPRESSION_REMOVED("suppression.removed"),
    TOPIC_CREATED("topic.created"),
    TOPIC_UPDATED("topic.updated"),
    TOPIC_DELETED("topic.deleted"),
    TOPIC_SUBSCRIBERS_CHANGED("topic.subscribers-changed"),
    BROADCAST_CANCELLED("broadcast.cancelled"),
    /** A tenant's provider-event settings (SES topics, SendGrid key) set through the API: names the provider only. */
    INBOUND_SAVED("inbound.saved"),
    INBOUND_DELETED("inbound.deleted"),
    /** A tenant's signing key for user tokens or unsubscribe links replaced: names the purpose and the new key's id. */
    SIGNING_KEY_ROTATED("signing-key.rotated"),
    /** A signing key retired: what it signed no longer verifies. */
    SIGNING_KEY_RETIRED("signing-key.retired"),
    /**
     * Never recorded, only read: an entry a newer version recorded under a name this one does not know (during a
     * rolling upgrade, or after a downgrade). Its stored name leads the summary as {@code action=…}, so the entry is
     * listed rather than failing the whole page.
     */
    UNKNOWN("unknown");

    private final String dotted;

    AuditAction(String dotted) {
        this.dotted = dotted;
    }

    /** The stable name, e.g. {@code template.activated}. */
    public String dotted() {
        return dotted;
    }

    /** The recorded action of that name; never {@link #UNKNOWN}, which only reading makes. */
    public static Optional<AuditAction> parse(String dotted) {
        return Arrays.stream(values()).filter(a -> a != UNKNOWN && a.dotted.equals(dotted)).findFirst();
    }

    /** Every name that is recorded, for answers that list what is accepted. */
    public static List<String> allNames() {
        return Arrays.stream(values()).filter(a -> a != UNKNOWN).map(AuditAction::dotted).toList();
    }

    @Override
    public String toString() {
        return dotted;
    }
}
