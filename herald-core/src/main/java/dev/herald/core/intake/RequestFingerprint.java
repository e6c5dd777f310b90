package dev.herald.core.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of what a request asks for, written out canonically (map keys sorted, the idempotency key left out), so
 * a retried request is recognised as the same however its JSON fields were ordered, and a different request that
 * reuses a key is caught.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {
    }

    public static String of(ValidNotification n) {
        StringBuilder out = new StringBuilder(256);
        write(out, "type", n.type());
        write(out, "recipients", n.recipients());
        write(out, "channels", n.channels());
        write(out, "priority", n.priority());
        write(out, "content", n.content());
        write(out, "data", n.data());
        write(out, "sendAt", n.sendAt());
        write(out, "expiresAt", n.expiresAt());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(out.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void write(StringBuilder out, String name, Object value) {
        out.append(name).append('=');
        value(out, value);
        out.append(';');
    }

    private static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> {
                out.append('{');
                new TreeMap<>(stringKeys(map)).forEach((k, v) -> {
                    out.append(k.length()).append(':').append(k).append('=');
                    value(out, v);
                    out.append(',');
                });
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                list.forEach(item -> {
                    value(out, item);
                    out.append(',');
                });
                out.append(']');
            }
            default -> {
                // Length-prefixed, so no value can imitate the separators of another.
                String text = value.toString();
                out.append(value.getClass().getSimpleName()).append(text.length()).append(':').append(text);
            }
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> keyed = new TreeMap<>();
        map.forEach((k, v) -> keyed.put(String.valueOf(k), v));
        return keyed;
    }
}
