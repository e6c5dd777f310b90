package dev.herald.core.suppression;

import java.time.Instant;

/**
 * What a provider told us about one recipient of one message, already verified and read from its payload:
 * {@code providerMessageId} is how the provider names the message we sent (null when it gives none),
 * {@code detail} a short reason safe to show (a bounce type or code, never the address or the remote server's text).
 */
public record FeedbackEvent(Kind kind, SuppressionSource source, SuppressedAddress address, String providerMessageId,
                            String detail, Instant at) {

    public enum Kind {
        /** The address does not exist or refuses permanently: the delivery failed, the address is suppressed. */
        HARD_BOUNCE,
        /** A passing refusal (mailbox full, greylisted): recorded as an outcome only, nothing suppressed. */
        SOFT_BOUNCE,
        /** The recipient reported the message as spam: the address is suppressed, the delivery stays as it is. */
        COMPLAINT,
        /** The phone number cannot receive messages: like a hard bounce, for SMS. */
        INVALID_NUMBER
    }
}
