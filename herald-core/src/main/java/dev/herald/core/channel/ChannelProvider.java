package dev.herald.core.channel;

import dev.herald.core.model.Channel;

/**
 * SPI: one carrier of one channel (SMTP for email, Twilio for SMS, the sandbox for any).
 * Implementations classify their own errors into a {@link SendResult} and should not throw;
 * an exception is treated as a retryable failure.
 */
public interface ChannelProvider {
    /** A short stable name recorded on each delivery it carries, like {@code smtp} or {@code sandbox}. */
    String name();

    Channel channel();

    SendResult send(OutboundMessage message);

    /**
     * Whether this provider can carry a message to the address at all (APNs cannot reach an FCM token). A chain
     * skips providers that cannot, instead of counting a refusal against them.
     */
    default boolean accepts(String address) {
        return true;
    }

    /**
     * Whether failures and rate limits belong to each address rather than to the provider as a whole (Slack
     * webhook URLs are throttled and revoked one by one). Such a provider is never taken out of a chain for what
     * one address did.
     */
    default boolean healthIsPerAddress() {
        return false;
    }
}
