package dev.herald.server.inbound;

import dev.herald.core.suppression.FeedbackEvent;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.SuppressionSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SES notification an SNS message carries (its {@code Message}, itself JSON): {@code Bounce} with
 * {@code bounceType} Permanent is a hard bounce of each bounced recipient, Transient (and Undetermined) a soft one;
 * {@code Complaint} is a complaint of each complained recipient; {@code Delivery} is a delivery receipt for each
 * recipient SES handed the message to; event publishing's {@code Reject} (SES took the message, then refused to send
 * it, e.g. for a virus) is a drop. The message is matched by SES's own {@code mail.messageId}, which Herald's SMTP
 * provider stores from SES's {@code 250 Ok <id>} reply to DATA; then by {@code mail.commonHeaders.messageId}, the
 * Message-ID header Herald set (SES overwrites the header it sends with its own, but reports the original in
 * {@code commonHeaders} when the identity's notifications include original headers), for mail sent through a relay
 * whose reply carried no SES id; each with or without its angle brackets. Event publishing's {@code eventType}
 * variants are read alike; anything else (Send, Open, Click, DeliveryDelay…) yields nothing. At most
 * {@link #MAX_RECIPIENTS} recipients are read from one notification.
 */
public final class SesNotifications {
    static final int MAX_RECIPIENTS = 100;

    private final JsonMapper json;

    public SesNotifications(JsonMapper json) {
        this.json = json;
    }

    public List<FeedbackEvent> read(String message, Instant at) {
        JsonNode n;
        try {
            n = json.readTree(message);
        } catch (JacksonException notJson) {
            return List.of();
        }
        if (n == null || !n.isObject()) {
            return List.of();
        }
        String type = n.path("notificationType").asString(n.path("eventType").asString(""));
        // SES's own id (always there; stored from SES's reply to DATA), then the Message-ID header as sent (present
        // only when the identity's notifications include the original headers; SES writes its own over ours).
        List<String> messageIds = new ArrayList<>(2);
        messageIds.add(n.path("mail").path("messageId").asString(null));
        messageIds.add(n.path("mail").path("commonHeaders").path("messageId").asString(null));
        List<FeedbackEvent> events = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                JsonNode bounce = n.path("bounce");
                String bounceType = bounce.path("bounceType").asString("");
                FeedbackEvent.Kind kind = bounceType.equals("Permanent") ? FeedbackEvent.Kind.HARD_BOUNCE
                        : FeedbackEvent.Kind.SOFT_BOUNCE;
                String detail = clean(bounceType + "/" + bounce.path("bounceSubType").asString(""));
                for (JsonNode r : limited(bounce.path("bouncedRecipients"))) {
                    address(r).ifPresent(a -> events.add(new FeedbackEvent(kind, SuppressionSource.SES, a,
                            messageIds, detail, at)));
                }
            }
            case "Complaint" -> {
                JsonNode complaint = n.path("complaint");
                String feedback = complaint.path("complaintFeedbackType").asString(null);
                for (JsonNode r : limited(complaint.path("complainedRecipients"))) {
                    address(r).ifPresent(a -> events.add(new FeedbackEvent(FeedbackEvent.Kind.COMPLAINT,
                            SuppressionSource.SES, a, messageIds, feedback == null ? "complaint" : clean(feedback),
                            at)));
                }
            }
            case "Delivery" -> {
                // Recipients are plain addresses here; one message per delivery, so normally one.
                for (JsonNode r : limited(n.path("delivery").path("recipients"))) {
                    email(r.asString(null)).ifPresent(a -> events.add(new FeedbackEvent(FeedbackEvent.Kind.DELIVERED,
                            SuppressionSource.SES, a, messageIds, null, at)));
                }
            }
            case "Reject" -> {
                String detail = clean("reject/" + n.path("reject").path("reason").asString(""));
                for (JsonNode r : limited(n.path("mail").path("destination"))) {
                    email(r.asString(null)).ifPresent(a -> events.add(new FeedbackEvent(FeedbackEvent.Kind.DROPPED,
                            SuppressionSource.SES, a, messageIds, detail, at)));
                }
            }
            default -> {
                // Send, Open, Click, DeliveryDelay, Rendering Failure, ...: SES's own steps or engagement, not the
                // delivery's fate (a DeliveryDelay ends in a Delivery or a Bounce).
            }
        }
        return events;
    }

    private static List<JsonNode> limited(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        if (array.isArray()) {
            for (int i = 0; i < Math.min(array.size(), MAX_RECIPIENTS); i++) {
                items.add(array.get(i));
            }
        }
        return items;
    }

    private static java.util.Optional<SuppressedAddress> address(JsonNode recipient) {
        return email(recipient.path("emailAddress").asString(null));
    }

    private static java.util.Optional<SuppressedAddress> email(String email) {
        if (email == null || email.isBlank() || email.length() > 254 || email.indexOf('@') <= 0) {
            return java.util.Optional.empty();
        }
        // SES may write "Name <addr>"; the address is what is between the brackets.
        int open = email.indexOf('<');
        int close = email.indexOf('>', open + 1);
        String bare = open >= 0 && close > open ? email.substring(open + 1, close) : email;
        return java.util.Optional.of(SuppressedAddress.email(bare));
    }

    /** A provider's word kept on a delivery: short, printable, never an address. */
    static String clean(String value) {
        String printable = value.replaceAll("[^A-Za-z0-9 ./_:-]", "").replaceAll("\\S+@\\S+", "");
        return printable.length() > 80 ? printable.substring(0, 80) : printable;
    }
}
