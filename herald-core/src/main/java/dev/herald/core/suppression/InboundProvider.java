package dev.herald.core.suppression;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A provider whose signed events reach Herald: the name is its callback's and its settings' path segment. */
public enum InboundProvider {
    /** Amazon SES, through an SNS topic's HTTPS subscription: the settings are the tenant's topic ARNs. */
    SES,
    /** SendGrid's Signed Event Webhook: the setting is its verification public key. */
    SENDGRID;

    /** The name in paths, the database and the audit log ({@code ses}, {@code sendgrid}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InboundProvider> parse(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }
}
