package dev.herald.providers.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs a webhook the Standard Webhooks way: {@code v1,} and the base64 HMAC-SHA256, keyed by the secret's decoded
 * bytes, of {@code id.timestamp.body}. Receivers recompute it with any Standard Webhooks library; the id and the
 * timestamp are inside the signature so a captured request cannot be replayed under another id or much later.
 */
final class WebhookSigner {
    static final String SECRET_PREFIX = "whsec_";
    // 192 bits: the Standard Webhooks reference libraries generate 24 bytes, and less is guessable offline from
    // one captured signature.
    static final int MIN_SECRET_BYTES = 24;
    private final SecretKeySpec key;

    /**
     * Accepts {@code whsec_<base64>} (or the bare base64, as the reference libraries do) of at least 24 bytes;
     * {@code setting} names the key in errors ({@code secret}, {@code inline-secret}).
     */
    WebhookSigner(String secret, String setting) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(setting + " is missing");
        }
        String encoded = secret.strip().startsWith(SECRET_PREFIX)
                ? secret.strip().substring(SECRET_PREFIX.length()) : secret.strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // Never echo the secret: the message says what is wrong with it, not what it is.
            throw new IllegalArgumentException(setting + " must be whsec_ followed by base64");
        }
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(setting + " is " + bytes.length + " bytes; at least "
                    + MIN_SECRET_BYTES + " random bytes are needed (whsec_ + base64 of them)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    boolean sameKeyAs(WebhookSigner other) {
        return MessageDigest.isEqual(key.getEncoded(), other.key.getEncoded());
    }

    String sign(String id, long timestampSeconds, String body) {
        try {
            // Mac instances are not thread-safe; one per signature is cheap next to the HTTP call.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
