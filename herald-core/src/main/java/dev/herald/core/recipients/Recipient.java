package dev.herald.core.recipients;

import dev.herald.core.model.Channel;

import java.util.List;
import dev.herald.core.preferences.Preferences;

/**
 * A recipient with every address known for it, merged from the directory, the device registry and the request.
 * Push has one address per registered device; every other channel has at most one.
 */
public record Recipient(String userId, String email, String phone, List<String> pushAddresses, String slack,
                        String webhookUrl, String locale, String timeZone,
                        Preferences preferences) {

    public Recipient {
        pushAddresses = pushAddresses == null ? List.of() : List.copyOf(pushAddresses);
    }

    public Recipient(String userId, String email, String phone, List<String> pushAddresses, String slack,
                     String webhookUrl, String locale) {
        this(userId, email, phone, pushAddresses, slack, webhookUrl, locale, null, null);
    }

    /** How to name this recipient in an answer: the user id, else the first inline address, at most 64 chars. */
    public String label() {
        String push = pushAddresses.isEmpty() ? null : pushAddresses.getFirst();
        for (String candidate : new String[]{userId, email, phone, push, slack, webhookUrl}) {
            if (candidate != null) {
                // Push tokens and URLs can be kilobytes long; a label only has to be recognisable.
                return candidate.length() <= 64 ? candidate : candidate.substring(0, 61) + "...";
            }
        }
        return "(none)";
    }

    /**
     * The addresses this recipient has on a channel (found by the channel's address kind), possibly none. In-app goes
     * to the user's inbox; a webhook goes to the inline URL if one was given, else to the configured endpoint on
     * behalf of the user.
     */
    public List<String> addressesFor(Channel channel) {
        return switch (channel.traits().address()) {
            case PUSH_TOKEN -> pushAddresses;
            case EMAIL -> atMostOne(email);
            case PHONE -> atMostOne(phone);
            case USER_INBOX -> atMostOne(userId);
            case SLACK_URL -> atMostOne(slack);
            case WEBHOOK_URL -> atMostOne(webhookUrl != null ? webhookUrl : userId);
        };
    }

    private static List<String> atMostOne(String address) {
        return address == null ? List.of() : List.of(address);
    }
}
