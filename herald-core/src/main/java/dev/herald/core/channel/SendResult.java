package dev.herald.core.channel;

import java.time.Duration;
import java.util.Optional;

/** What a provider made of one send: the only three things the dispatcher needs to know. */
public sealed interface SendResult {

    /**
     * The provider took the message; {@code providerMessageId} identifies it in receipts. {@code note} says
     * anything worth keeping about how it got there (a failover, a fallback to another channel), else null.
     */
    record Sent(String provider, String providerMessageId, String note) implements SendResult {
        public Sent(String provider, String providerMessageId) {
            this(provider, providerMessageId, null);
        }

        public Sent withNote(String note) {
            return new Sent(provider, providerMessageId, note);
        }
    }

    /**
     * A passing failure (timeout, 5xx, 429): try again later, not before {@code retryAfter} if given.
     * {@code attempted} is false when no provider was even asked (all were over their rate limit or asked us to
     * wait): the delivery is deferred, and the deferral does not use up one of its attempts.
     * {@code recipientTrouble} is true when the provider is well and only this recipient cannot take the message
     * now (a greylisting or full mailbox answering 450 to RCPT TO): the delivery is retried, but the answer must
     * not count against the provider's health, or one busy mailbox would hold up mail to everyone else.
     */
    record Retry(String provider, String reason, Optional<Duration> retryAfter, boolean attempted,
                 boolean recipientTrouble) implements SendResult {
        public Retry(String provider, String reason, Optional<Duration> retryAfter, boolean attempted) {
            this(provider, reason, retryAfter, attempted, false);
        }

        public Retry(String provider, String reason, Optional<Duration> retryAfter) {
            this(provider, reason, retryAfter, true, false);
        }

        public Retry(String provider, String reason) {
            this(provider, reason, Optional.empty(), true, false);
        }

        /** The recipient's passing trouble, not the provider's; see {@code recipientTrouble}. */
        public static Retry forRecipient(String provider, String reason) {
            return new Retry(provider, reason, Optional.empty(), true, true);
        }
    }

    /** A permanent refusal: retrying cannot help. {@code invalidAddress} when the address itself is bad. */
    record Rejected(String provider, String reason, boolean invalidAddress) implements SendResult {
    }

    String provider();
}
