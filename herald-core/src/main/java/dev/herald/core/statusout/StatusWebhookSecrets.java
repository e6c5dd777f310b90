package dev.herald.core.statusout;

import java.security.SecureRandom;
import java.util.Base64;

/** New signing secrets for status webhooks: {@code whsec_} and the base64 of 24 random bytes (Standard Webhooks). */
public final class StatusWebhookSecrets {
    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
