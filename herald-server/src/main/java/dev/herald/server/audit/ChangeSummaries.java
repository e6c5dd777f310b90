package dev.herald.server.audit;

import java.util.UUID;

import dev.herald.core.audit.AuditSummary;
import dev.herald.core.model.Channel;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.types.NotificationType;
import dev.herald.core.workflow.WorkflowStep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the audit log says about each kind of change: names, counts, versions and flags, never an address, a fixed
 * recipient, a URL (it may carry a token) or a template's text.
 */
public final class ChangeSummaries {
    private ChangeSummaries() {
    }

    /** A type's routing rule; fixed recipients (addresses, webhook URLs) only by channel. */
    public static String type(NotificationType type) {
        return AuditSummary.of("channels", type.everyChannel() ? "every" : type.channels())
                .and("priority", type.priority())
                .and("critical", type.critical())
                .and("recipientFields", type.recipientFields().isEmpty() ? null : type.recipientFields())
                .and("fixedRecipients", type.fixedRecipients().isEmpty() ? null
                        : new TreeSet<>(type.fixedRecipients().keySet()))
                .and("expiry", type.expiry())
                .and("dedupWindow", type.dedupWindow())
                .and("steps", type.hasSteps() ? type.steps().stream().map(WorkflowStep::describe).toList() : null)
                .toString();
    }

    /**
     * Which choices a preference change toggled: channels opted out of or back into, types whose channels changed,
     * and whether quiet hours changed. {@code before} is the stored preferences (or none).
     */
    public static String preferences(Preferences before, Preferences after) {
        Set<Channel> optedOut = EnumSet.noneOf(Channel.class);
        optedOut.addAll(after.optedOut());
        optedOut.removeAll(before.optedOut());
        Set<Channel> optedIn = EnumSet.noneOf(Channel.class);
        optedIn.addAll(before.optedOut());
        optedIn.removeAll(after.optedOut());
        Set<String> types = new TreeSet<>();
        types.addAll(before.channelsByType().keySet());
        types.addAll(after.channelsByType().keySet());
        types.removeIf(t -> Objects.equals(before.channelsByType().get(t), after.channelsByType().get(t)));
        boolean quiet = !Objects.equals(before.quietStart(), after.quietStart())
                || !Objects.equals(before.quietEnd(), after.quietEnd())
                || !Objects.equals(before.quietZone(), after.quietZone());
        return AuditSummary.of("optedOut", optedOut.isEmpty() ? null : optedOut)
                .and("optedIn", optedIn.isEmpty() ? null : optedIn)
                .and("typesChanged", types.isEmpty() ? null : types)
                .and("quietHours", quiet ? (after.quietStart() == null ? "removed" : "changed") : null)
                .toString();
    }

    /** A webhook endpoint by the start of its URL's SHA-256 (the key of {@code disabled_endpoint}), not the URL. */
    public static String webhookEndpoint(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return "webhook-endpoint:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A cancellation: how many deliveries it stopped and how many had already gone out; nothing when none was found. */
    public static AuditedChange.Audited cancellation(UUID notificationId,
                                                     java.util.Optional<dev.herald.core.notification.Cancellation> done) {
        return done.map(c -> AuditedChange.Audited.of(dev.herald.core.audit.AuditAction.NOTIFICATION_CANCELLED,
                        "notification:" + notificationId,
                        dev.herald.core.audit.AuditSummary.of("cancelled", c.cancelled().size())
                                .and("alreadyOut", c.untouched().size())))
                .orElse(AuditedChange.Audited.NOTHING);
    }

    /**
     * A broadcast cancelled: its topic and how many notifications had been planned; nothing when the broadcast was
     * not found or was already cancelling (cancelling again changes nothing).
     */
    public static AuditedChange.Audited broadcastCancellation(dev.herald.core.broadcast.Broadcast before,
                                                              java.util.Optional<dev.herald.core.broadcast.Broadcast> done) {
        return done.filter(after -> after.state() != before.state())
                .map(after -> AuditedChange.Audited.of(dev.herald.core.audit.AuditAction.BROADCAST_CANCELLED,
                        "broadcast:" + before.id(), dev.herald.core.audit.AuditSummary.of("topic", before.topic())
                                .and("planned", after.planned())))
                .orElse(AuditedChange.Audited.NOTHING);
    }
}
