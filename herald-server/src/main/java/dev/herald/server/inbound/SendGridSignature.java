package dev.herald.server.inbound;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * SendGrid's signed Event Webhook, as SendGrid documents it: {@code X-Twilio-Email-Event-Webhook-Signature} is the
 * base64 DER ECDSA (P-256, SHA-256) signature of the {@code X-Twilio-Email-Event-Webhook-Timestamp} header's value
 * followed by the raw body, checked with the verification key SendGrid shows (base64 DER public key). A timestamp
 * further than {@code maxAge} from now is refused as a replay.
 */
public final class SendGridSignature {
    private final Clock clock;
    private final Duration maxAge;

    public SendGridSignature(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public boolean isValid(String publicKey, String timestamp, String signature, byte[] body) {
        if (publicKey == null || timestamp == null || signature == null || !fresh(timestamp)) {
            return false;
        }
        Optional<PublicKey> key = key(publicKey);
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature check = Signature.getInstance("SHA256withECDSA");
            check.initVerify(key.get());
            check.update(timestamp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            check.update(body);
            return check.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a configured key reads as an EC public key (checked at start, so a typo names the setting). */
    public static Optional<PublicKey> key(String base64Der) {
        try {
            return Optional.of(KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Der.strip()))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The key if it is what SendGrid shows: a base64 DER public key on P-256 (secp256r1), the curve its signatures
     * are made on. Another curve's key would parse but never verify a SendGrid post.
     */
    public static Optional<PublicKey> p256Key(String base64Der) {
        return key(base64Der).filter(k -> k instanceof ECPublicKey ec && isP256(ec.getParams()));
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
            return expected.getCurve().equals(params.getCurve()) && expected.getOrder().equals(params.getOrder())
                    && expected.getGenerator().equals(params.getGenerator());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean fresh(String timestamp) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
            Instant now = clock.instant();
            return !at.isBefore(now.minus(maxAge)) && !at.isAfter(now.plus(maxAge));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return false;
        }
    }
}
