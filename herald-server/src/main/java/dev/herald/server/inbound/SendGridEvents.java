package dev.herald.server.inbound;

import dev.herald.core.suppression.FeedbackEvent;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.SuppressionSource;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * One SendGrid Event Webhook event as feedback, per SendGrid's event reference: {@code bounce} of type
 * {@code bounce} is a hard bounce, of type {@code blocked} a soft one; {@code dropped} because of a
 * {@code Bounced Address} is a hard bounce and because of a {@code Spam Reporting Address} a complaint (SendGrid's
 * own lists already hold the address; ours learns it too); {@code spamreport} is a complaint. Everything else
 * (processed, delivered, deferred, open, click, unsubscribe…) is not feedback for the suppression list. The message
 * is matched by {@code smtp-id}, the Message-ID header Herald's SMTP provider set and stored: {@code sg_message_id}
 * is SendGrid's own id, which an SMTP send never learns.
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
                String reason = event.path("reason").asString("");
                if (reason.equals("Bounced Address")) {
                    kind = FeedbackEvent.Kind.HARD_BOUNCE;
                    detail = "dropped/Bounced Address";
                } else if (reason.equals("Spam Reporting Address")) {
                    kind = FeedbackEvent.Kind.COMPLAINT;
                    detail = "dropped/Spam Reporting Address";
                } else {
                    return Optional.empty();
                }
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
