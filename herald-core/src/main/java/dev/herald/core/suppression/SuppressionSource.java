package dev.herald.core.suppression;

import java.util.Locale;

/** Who put an address on the list: the API (by hand) or a provider's feedback. Stored and shown lower-case. */
public enum SuppressionSource {
    API, SES, SENDGRID, TWILIO, PUSH;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SuppressionSource of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
