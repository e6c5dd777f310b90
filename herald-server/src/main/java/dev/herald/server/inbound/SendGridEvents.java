package dev.herald.server.inbound;

import dev.herald.core.suppression.FeedbackEvent;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.SuppressionSource;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * One SendGrid Event Webhook event as feedback, per SendGrid's event reference: {@code bounce} of type
 * {@code bounce} is a hard bounce, of type {@code blocked} a soft one; {@code spamreport} is a complaint;
 * {@code delivered} (the receiving server accepted the message) is a delivery receipt; {@code dropped} (SendGrid
 * took the message but will not send it) fails the delivery naming SendGrid's reason, and when that reason is a
 * {@code Bounced Address} or a {@code Spam Reporting Address} also lists the address (SendGrid's own lists already
 * hold it; ours learns it too). Everything else is not read: {@code processed}; {@code deferred} (SendGrid retries
 * for up to 72 hours and ends in {@code delivered}, {@code bounce} or {@code dropped}); {@code open} and
 * {@code click} (engagement, counted by pixels and link rewriting that mailbox providers prefetch, not a reading
 * of the message, and READ is final: it would hide a later bounce); unsubscribes. The message is matched by
 * {@code smtp-id}, the Message-ID header Herald's SMTP provider set and stored: {@code sg_message_id} is SendGrid's
 * own id, which an SMTP send never learns.
 */
public final class SendGridEvents {
    private SendGridEvents() {
    }

    public static Optional<FeedbackEvent> read(JsonNode event, Instant at) {
        String email = event.path("email").asString(null);
        if (email == null || email.isBlank() || email.length() > 254 || email.indexOf('@') <= 0) {
            return Optional.empty();
        }
        String messageId = event.path("smtp-id").asString(null);
        FeedbackEvent.Kind kind;
        String detail;
        switch (event.path("event").asString("")) {
            case "bounce" -> {
                String type = event.path("type").asString("bounce");
                kind = type.equals("blocked") ? FeedbackEvent.Kind.SOFT_BOUNCE : FeedbackEvent.Kind.HARD_BOUNCE;
                detail = SesNotifications.clean("bounce/" + type + status(event));
            }
            case "dropped" -> {
                // SendGrid's reasons are a short fixed set ("Unsubscribed Address", "Invalid", "Spam Content"...).
                String reason = event.path("reason").asString("");
                kind = switch (reason) {
                    case "Bounced Address" -> FeedbackEvent.Kind.DROPPED_AFTER_BOUNCE;
                    case "Spam Reporting Address" -> FeedbackEvent.Kind.DROPPED_AFTER_COMPLAINT;
                    // Not listed: an unsubscribe at SendGrid may be from one group of mail only, and our list has
                    // no groups; the failed delivery says why.
                    default -> FeedbackEvent.Kind.DROPPED;
                };
                detail = reason.isBlank() ? null : SesNotifications.clean(reason);
            }
            case "delivered" -> {
                kind = FeedbackEvent.Kind.DELIVERED;
                detail = null;
            }
            case "spamreport" -> {
                kind = FeedbackEvent.Kind.COMPLAINT;
                detail = "spamreport";
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(FeedbackEvent.of(kind, SuppressionSource.SENDGRID, SuppressedAddress.email(email),
                messageId, detail, at));
    }

    private static String status(JsonNode event) {
        String status = event.path("status").asString(null);
        return status == null ? "" : " " + status;
    }
}
