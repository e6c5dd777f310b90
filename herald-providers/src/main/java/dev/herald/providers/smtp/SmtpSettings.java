package dev.herald.providers.smtp;

import java.time.Duration;

/** Where and how to reach an SMTP relay. {@code from} is the envelope and header sender. */
public record SmtpSettings(String host, int port, String username, String password, String from, boolean startTls,
                           Duration connectTimeout, Duration readTimeout) {
}
