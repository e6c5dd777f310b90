package dev.herald.core.suppression;

import java.time.Instant;
import java.util.List;

/**
 * What a provider told us about one recipient of one message (a bounce, a complaint, a delivery receipt, a drop),
 * already verified and read from its payload:
 * {@code messageIds} are the ids the provider names the message by, the one most likely stored first (the
 * Message-ID header Herald set, then the provider's own id, which a provider sending through an API would have
 * stored); empty when it gives none. {@code detail} is a short reason safe to show (a bounce type or code, never the
 * address or the remote server's text).
 */
public record FeedbackEvent(Kind kind, SuppressionSource source, SuppressedAddress address, List<String> messageIds,
                            String detail, Instant at) {

    public FeedbackEvent {
        messageIds = messageIds.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** An event naming its message by one id (null for none). */
    public static FeedbackEvent of(Kind kind, SuppressionSource source, SuppressedAddress address, String messageId,
                                   String detail, Instant at) {
        return new FeedbackEvent(kind, source, address, messageId == null ? List.of() : List.of(messageId), detail,
                at);
    }

    public enum Kind {
        /** The address does not exist or refuses permanently: the delivery failed, the address is suppressed. */
        HARD_BOUNCE,
        /** A passing refusal (mailbox full, greylisted): recorded as an outcome only, nothing suppressed. */
        SOFT_BOUNCE,
        /** The recipient reported the message as spam: the address is suppressed, the delivery stays as it is. */
        COMPLAINT,
        /** The phone number cannot receive messages: like a hard bounce, for SMS. */
        INVALID_NUMBER,
        /** The recipient's mail server accepted the message: a receipt, SENT becomes DELIVERED; nothing suppressed. */
        DELIVERED,
        /**
         * The provider took the message but will not send it (an unsubscribed address, content it refuses): a
         * receipt, SENT becomes FAILED with the provider's reason; the address is not suppressed.
         */
        DROPPED,
        /**
         * The provider will not send to the address because earlier mail to it bounced: the delivery fails as for
         * {@link #DROPPED} and the address is suppressed as for a hard bounce.
         */
        DROPPED_AFTER_BOUNCE,
        /**
         * The provider will not send to the address because its owner reported earlier mail as spam: the delivery
         * fails as for {@link #DROPPED} and the address is suppressed as for a complaint.
         */
        DROPPED_AFTER_COMPLAINT
    }
}
