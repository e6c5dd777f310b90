package dev.herald.core.recipients;

import dev.herald.core.model.Channel;

import java.util.Optional;

/** A recipient with every address known for it, merged from the directory and the request. */
public record Recipient(String userId, String email, String phone, String pushToken, String slack,
                        String webhookUrl, String locale) {

    /** How to name this recipient in an answer: the user id, else the first inline address, at most 64 chars. */
    public String label() {
        for (String candidate : new String[]{userId, email, phone, pushToken, slack, webhookUrl}) {
            if (candidate != null) {
                // Push tokens and URLs can be kilobytes long; a label only has to be recognisable.
                return candidate.length() <= 64 ? candidate : candidate.substring(0, 61) + "...";
            }
        }
        return "(none)";
    }

    /** The address this recipient has on a channel, if any. */
    public Optional<String> addressFor(Channel channel) {
        return Optional.ofNullable(switch (channel) {
            case EMAIL -> email;
            case SMS, KAKAO -> phone;
            case PUSH -> pushToken;
            case IN_APP -> userId;
            case SLACK -> slack;
            case WEBHOOK -> webhookUrl;
        });
    }
}
