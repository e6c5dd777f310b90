package dev.herald.core.recipients;

import dev.herald.core.request.Violations;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The shape every address must have, wherever it comes from (the user directory or an inline recipient). */
public final class AddressRules {
    // Deliberately permissive local part (RFC 5322 allows a lot); the domain must have a dot and no spaces.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9._:@+-]{1,128}$");

    public void userId(Violations v, String field, String value) {
        if (value != null && !USER_ID.matcher(value).matches()) {
            v.add(field, "format", "must be 1..128 characters of letters, digits and . _ : @ + -");
        }
    }

    public void email(Violations v, String field, String value) {
        if (!v.noNul(field, value)) {
            return;
        }
        if (value != null && (value.length() > 254 || !EMAIL.matcher(value).matches())) {
            v.add(field, "format", "must be an email address like name@example.com");
        }
    }

    public void phone(Violations v, String field, String value) {
        if (value != null && !E164.matcher(value).matches()) {
            v.add(field, "format", "must be an E.164 phone number like +821012345678");
        }
    }

    public void url(Violations v, String field, String value) {
        if (value == null || !v.noNul(field, value)) {
            return;
        }
        if (value.length() > 2048) {
            v.add(field, "max-length", "must be at most 2048 characters");
            return;
        }
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme();
            if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
                v.add(field, "format", "must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            v.add(field, "format", "must be an absolute http(s) URL");
        }
    }

    public void locale(Violations v, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value).build();
            if (locale.getLanguage().isEmpty() || value.length() > 35) {
                v.add(field, "format", "must be a BCP 47 language tag like en or ko-KR");
            }
        } catch (IllformedLocaleException e) {
            v.add(field, "format", "must be a BCP 47 language tag like en or ko-KR");
        }
    }

    public void timeZone(Violations v, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            ZoneId.of(value);
        } catch (DateTimeException e) {
            v.add(field, "format", "must be an IANA time zone like Asia/Seoul");
        }
    }

    public void token(Violations v, String field, String value, int max) {
        if (!v.noNul(field, value)) {
            return;
        }
        if (value != null && (value.isBlank() || value.length() > max)) {
            v.add(field, "format", "must be 1.." + max + " characters");
        }
    }

    /**
     * An inline push token is stored as its {@link PushAddress} ({@code fcm:} added to a bare token), which must
     * fit the delivery's address column; the limit is stated for the token as the caller sends it.
     */
    public void pushToken(Violations v, String field, String value) {
        if (value == null || !v.noNul(field, value)) {
            return;
        }
        int prefix = PushAddress.PushPlatform.FCM.name().length() + 1;
        if (value.isBlank()) {
            v.add(field, "format", "must not be blank");
        } else if (PushAddress.parse(value).map(a -> a.toString().length()).orElse(0) > PushAddress.MAX_LENGTH) {
            v.add(field, "max-length", "must be at most " + (PushAddress.MAX_LENGTH - prefix) + " characters ("
                    + PushAddress.MAX_LENGTH + " with its platform prefix) (was " + value.length() + ")");
        }
    }
}
