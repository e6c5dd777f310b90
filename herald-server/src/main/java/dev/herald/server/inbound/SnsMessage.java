package dev.herald.server.inbound;

import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * An Amazon SNS message as posted to an HTTP(S) subscription: its JSON fields by their documented names. Fields a
 * type does not carry are null ({@code Subject} is optional on notifications; {@code SubscribeURL} and {@code Token}
 * come only with subscription and unsubscription confirmations).
 */
public record SnsMessage(String type, String messageId, String topicArn, String subject, String message,
                         String timestamp, String signatureVersion, String signature, String signingCertUrl,
                         String subscribeUrl, String token) {
    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /** Read from the posted JSON; empty when it is not an object or lacks what every SNS message has. */
    public static Optional<SnsMessage> of(JsonNode json) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        SnsMessage m = new SnsMessage(text(json, "Type"), text(json, "MessageId"), text(json, "TopicArn"),
                text(json, "Subject"), text(json, "Message"), text(json, "Timestamp"),
                text(json, "SignatureVersion"), text(json, "Signature"), text(json, "SigningCertURL"),
                text(json, "SubscribeURL"), text(json, "Token"));
        if (m.type == null || m.messageId == null || m.topicArn == null || m.message == null || m.timestamp == null
                || m.signature == null || m.signingCertUrl == null) {
            return Optional.empty();
        }
        return Optional.of(m);
    }

    /**
     * The string SNS signed, per AWS's documented rules: each field's name and value on their own lines, in byte
     * order of the names, for the fields of the message's type only: Message, MessageId, Subject (if present),
     * Timestamp, TopicArn, Type for a notification; Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn,
     * Type for (un)subscription confirmations. Empty for any other type.
     */
    public Optional<String> stringToSign() {
        StringBuilder s = new StringBuilder();
        switch (type) {
            case NOTIFICATION -> {
                line(s, "Message", message);
                line(s, "MessageId", messageId);
                if (subject != null) {
                    line(s, "Subject", subject);
                }
                line(s, "Timestamp", timestamp);
                line(s, "TopicArn", topicArn);
                line(s, "Type", type);
            }
            case SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION -> {
                if (subscribeUrl == null || token == null) {
                    return Optional.empty();
                }
                line(s, "Message", message);
                line(s, "MessageId", messageId);
                line(s, "SubscribeURL", subscribeUrl);
                line(s, "Timestamp", timestamp);
                line(s, "Token", token);
                line(s, "TopicArn", topicArn);
                line(s, "Type", type);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(s.toString());
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(name).append('\n').append(value).append('\n');
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
