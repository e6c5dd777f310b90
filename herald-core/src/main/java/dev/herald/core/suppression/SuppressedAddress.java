package dev.herald.core.suppression;

import dev.herald.core.model.AddressKind;
import dev.herald.core.model.Channel;
import dev.herald.core.recipients.PushAddress;

import java.util.Locale;
import java.util.Optional;

/**
 * An address as the suppression list keys it: its kind and its normalised form. Emails are lower-cased (mailbox
 * providers treat the local part case-insensitively in practice, and a bounce reports the address as the receiving
 * server spelled it); phone numbers are E.164 as {@code AddressRules} already requires them; push tokens carry their
 * platform ({@code fcm:}/{@code apns:}), as deliveries store them. Other kinds (Slack, webhooks, the inbox) are not
 * suppressible: they are configuration, not mailboxes that bounce.
 */
public record SuppressedAddress(AddressKind kind, String address) {
    /**
     * The longest address the list keeps. Below the longest push address a request may name: the entry is the key
     * of a PostgreSQL btree, whose entries cannot pass about 2,700 bytes (a longer one fails the insert). Registered
     * devices' tokens are at most 512 characters; emails 254.
     */
    public static final int MAX_LENGTH = 2_000;

    public SuppressedAddress {
        if (!suppressible(kind)) {
            throw new IllegalArgumentException(kind + " addresses are not kept on the suppression list");
        }
    }

    public static boolean suppressible(AddressKind kind) {
        return kind == AddressKind.EMAIL || kind == AddressKind.PHONE || kind == AddressKind.PUSH_TOKEN;
    }

    /** The key of a planned delivery's address, if its channel's kind is suppressible. */
    public static Optional<SuppressedAddress> ofDelivery(Channel channel, String address) {
        AddressKind kind = channel.traits().address();
        if (address == null || !suppressible(kind)) {
            return Optional.empty();
        }
        return Optional.of(normalised(kind, address));
    }

    public static SuppressedAddress email(String address) {
        return normalised(AddressKind.EMAIL, address);
    }

    public static SuppressedAddress phone(String address) {
        return normalised(AddressKind.PHONE, address);
    }

    public static SuppressedAddress pushToken(String address) {
        return normalised(AddressKind.PUSH_TOKEN, address);
    }

    /**
     * The kind an address given on its own (the API's {@code address}) has: a push address names its platform, a
     * phone number starts with {@code +}, an email has an {@code @}.
     */
    public static Optional<SuppressedAddress> guess(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String lower = address.toLowerCase(Locale.ROOT);
        if (lower.startsWith("fcm:") || lower.startsWith("apns:")) {
            return Optional.of(pushToken(address));
        }
        if (address.startsWith("+")) {
            return Optional.of(phone(address));
        }
        if (address.indexOf('@') > 0) {
            return Optional.of(email(address));
        }
        return Optional.empty();
    }

    private static SuppressedAddress normalised(AddressKind kind, String address) {
        String value = address.strip();
        return switch (kind) {
            case EMAIL -> new SuppressedAddress(kind, value.toLowerCase(Locale.ROOT));
            case PUSH_TOKEN -> new SuppressedAddress(kind, PushAddress.parse(value).map(PushAddress::toString)
                    .orElse(value));
            default -> new SuppressedAddress(kind, value);
        };
    }
}
