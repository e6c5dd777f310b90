package dev.herald.server.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks an SNS message the way AWS documents: SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over
 * {@link SnsMessage#stringToSign()}, with the public key of the certificate at SigningCertURL (fetched only from an
 * allowed SNS host). A message older than {@code maxAge} by its own Timestamp is refused as a replay.
 */
public final class SnsSignature {
    private final SigningCertificates certificates;
    private final Clock clock;
    private final Duration maxAge;

    public SnsSignature(SigningCertificates certificates, Clock clock, Duration maxAge) {
        this.certificates = certificates;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public boolean isValid(SnsMessage m) {
        String algorithm = switch (m.signatureVersion() == null ? "" : m.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        Optional<String> signed = m.stringToSign();
        if (algorithm == null || signed.isEmpty() || !fresh(m.timestamp())) {
            return false;
        }
        Optional<X509Certificate> cert = certificates.at(m.signingCertUrl());
        if (cert.isEmpty()) {
            return false;
        }
        try {
            Signature check = Signature.getInstance(algorithm);
            check.initVerify(cert.get().getPublicKey());
            check.update(signed.get().getBytes(StandardCharsets.UTF_8));
            return check.verify(Base64.getDecoder().decode(m.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean fresh(String timestamp) {
        try {
            Instant at = Instant.parse(timestamp);
            Instant now = clock.instant();
            // A little ahead is clock skew; far ahead is as suspect as far behind.
            return !at.isBefore(now.minus(maxAge)) && !at.isAfter(now.plus(Duration.ofMinutes(5)));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
