package dev.herald.core.recipients;

import java.util.Locale;
import java.util.Optional;

/**
 * A push address: which service carries it and the device token that service issued. Written as
 * {@code platform:token} in a delivery's address so the push provider chain can pick the service that owns the
 * token (an APNs token means nothing to FCM). A bare token is taken as FCM's, the common case for inline tokens.
 */
public record PushAddress(PushPlatform platform, String token) {
    /** The longest {@code platform:token} a delivery can hold (its address column, VARCHAR(4096)). */
    public static final int MAX_LENGTH = 4096;

    public static Optional<PushAddress> parse(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        int colon = address.indexOf(':');
        if (colon > 0) {
            Optional<PushPlatform> platform = PushPlatform.parse(address.substring(0, colon));
            if (platform.isPresent()) {
                String token = address.substring(colon + 1);
                return token.isBlank() ? Optional.empty() : Optional.of(new PushAddress(platform.get(), token));
            }
        }
        return Optional.of(new PushAddress(PushPlatform.FCM, address));
    }

    @Override
    public String toString() {
        return platform.name().toLowerCase(Locale.ROOT) + ":" + token;
    }

    public enum PushPlatform {
        APNS, FCM;

        public static Optional<PushPlatform> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "apns" -> Optional.of(APNS);
                case "fcm" -> Optional.of(FCM);
                default -> Optional.empty();
            };
        }
    }
}
