package dev.herald.core.channel;

import dev.herald.core.model.Channel;

import java.time.Duration;

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
     * The endpoint an answer about {@code address} speaks for: a breaker and a {@code Retry-After} are kept per
     * endpoint. By default the provider is one endpoint; Slack webhook URLs and webhook receivers are each their
     * own, so one receiver's 429 or outage never holds up another's messages. The key stays in memory only
     * (a Slack URL carries a token), it is never logged.
     */
    default String endpoint(String address) {
        return "";
    }

    /**
     * The longest one {@link #send} can take, connect to answer, given the provider's own timeouts. A failover chain
     * does not start a provider whose worst case no longer fits the time left, and start-up refuses settings whose
     * worst case could outlive the dispatcher's lease (a send still running when its lease ends is sent twice).
     */
    default Duration longestSend() {
        return Duration.ZERO;
    }
}
