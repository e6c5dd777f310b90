package dev.herald.core.intake;

import dev.herald.core.model.CanonicalText;
import dev.herald.core.request.ValidNotification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SHA-256 of what a request asks for, written out canonically ({@link CanonicalText}: map keys sorted, every part
 * length-prefixed, the idempotency key left out), so a retried request is recognised as the same however its JSON
 * fields were ordered, and a different request that reuses a key is caught.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {
    }

    public static String of(ValidNotification n) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("type", n.type());
        parts.put("recipients", n.recipients());
        parts.put("channels", n.channels());
        parts.put("priority", n.priority());
        parts.put("content", n.content());
        parts.put("data", n.data());
        parts.put("sendAt", n.sendAt());
        parts.put("expiresAt", n.expiresAt());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalText.of(parts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
