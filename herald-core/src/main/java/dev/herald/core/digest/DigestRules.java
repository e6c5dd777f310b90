package dev.herald.core.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which notification types are digested and over what window. LOW notifications of such a type for one user and
 * channel inside one window become a single message, sent when the window closes. Windows are aligned to the clock
 * (an hourly digest closes on the hour), so every node puts an item in the same digest without asking the others.
 */
public final class DigestRules {
    private final Map<String, Duration> windowByType;

    public DigestRules(Map<String, Duration> windowByType) {
        windowByType.forEach((type, window) -> {
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("digest window of " + type + " must be positive");
            }
        });
        this.windowByType = Map.copyOf(windowByType);
    }

    public static DigestRules none() {
        return new DigestRules(Map.of());
    }

    public Optional<Duration> windowFor(String type) {
        return Optional.ofNullable(windowByType.get(type));
    }

    /** The key of one digest: one user's items of one type, channel and address, in the window closing then. */
    public static String key(String userId, String type, Object channel, String address, Instant closes) {
        return userId + "|" + type + "|" + channel + "|" + address + "|" + closes.toEpochMilli();
    }

    /** When the window holding {@code at} closes. */
    public static Instant windowEnd(Instant at, Duration window) {
        long size = window.toMillis();
        long start = Math.floorDiv(at.toEpochMilli(), size) * size;
        return Instant.ofEpochMilli(start + size);
    }
}
