package dev.herald.providers.smtp;

import java.time.Duration;

/**
 * Where and how to reach an SMTP relay. {@code from} is the envelope and header sender. {@code connectTimeout} and
 * {@code readTimeout} (also used for writes) bound each step; {@code sendTimeout} bounds one whole send, waiting for
 * a pooled connection and connecting included, so a relay that trickles its replies cannot hold a send past the
 * dispatcher's lease. {@code pool} says how many connections are kept open to the relay and for how long.
 */
public record SmtpSettings(String host, int port, String username, String password, String from, boolean startTls,
                           Duration connectTimeout, Duration readTimeout, Duration sendTimeout, Pool pool) {

    /**
     * The connections kept open to one relay. At most {@code maxConnections} at once (sends beyond wait for one,
     * within the send timeout); one idle for {@code idleTimeout} is closed; one idle for {@code checkAfterIdle} or
     * longer is checked with a NOOP before it is used again; one that carried {@code maxMessagesPerConnection}
     * messages is closed instead of being reused (relays limit messages per session).
     */
    public record Pool(int maxConnections, Duration idleTimeout, Duration checkAfterIdle,
                       int maxMessagesPerConnection) {
        public static final int MOST_CONNECTIONS = 64;

        public Pool {
            if (maxConnections < 1 || maxConnections > MOST_CONNECTIONS) {
                throw new IllegalArgumentException("pool.max-connections must be 1.." + MOST_CONNECTIONS);
            }
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("pool.idle-timeout must be positive");
            }
            if (checkAfterIdle == null || checkAfterIdle.isNegative()) {
                throw new IllegalArgumentException("pool.check-after-idle must not be negative");
            }
            if (maxMessagesPerConnection < 1) {
                throw new IllegalArgumentException("pool.max-messages-per-connection must be at least 1");
            }
        }

        /** The defaults of {@code herald.providers.smtp[].pool}. */
        public static Pool defaults() {
            return new Pool(8, Duration.ofSeconds(30), Duration.ofSeconds(2), 100);
        }
    }
}
