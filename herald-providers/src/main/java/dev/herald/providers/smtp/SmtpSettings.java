package dev.herald.providers.smtp;

import java.time.Duration;

/**
 * Where and how to reach an SMTP relay. {@code from} is the envelope and header sender. {@code connectTimeout} and
 * {@code readTimeout} (also used for writes) bound each step; {@code sendTimeout} bounds one whole send, connect
 * to the last answer, so a relay that trickles its replies cannot hold a send past the dispatcher's lease.
 */
public record SmtpSettings(String host, int port, String username, String password, String from, boolean startTls,
                           Duration connectTimeout, Duration readTimeout, Duration sendTimeout) {
}
