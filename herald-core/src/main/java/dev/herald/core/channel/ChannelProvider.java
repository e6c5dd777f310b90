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
}
