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

    /** A passing failure (timeout, 5xx, 429): try again later, not before {@code retryAfter} if given. */
    record Retry(String provider, String reason, Optional<Duration> retryAfter) implements SendResult {
        public Retry(String provider, String reason) {
            this(provider, reason, Optional.empty());
        }
    }

    /** A permanent refusal: retrying cannot help. {@code invalidAddress} when the address itself is bad. */
    record Rejected(String provider, String reason, boolean invalidAddress) implements SendResult {
    }

    String provider();
}
