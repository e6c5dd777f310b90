package dev.herald.providers.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks the {@code X-Twilio-Signature} header of a callback from Twilio, per Twilio's documented scheme: HMAC-SHA1,
 * keyed with the account's auth token, over the full request URL followed by every POST parameter sorted by name,
 * each written as name then value; base64 encoded. The URL must be exactly the one Twilio called (scheme, host,
 * port and query as configured in the StatusCallback), so behind a proxy it is the public URL, not the local one.
 */
public final class TwilioSignature {
    private static final String ALGORITHM = "HmacSHA1";

    private final SecretKeySpec key;

    public TwilioSignature(String authToken) {
        Objects.requireNonNull(authToken, "authToken");
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Whether the header is Twilio's signature of this URL and these form parameters. */
    public boolean isValid(String fullUrl, Map<String, String> formParams, String signatureHeader) {
        if (fullUrl == null || signatureHeader == null || signatureHeader.isBlank()) {
            return false;
        }
        byte[] expected = sign(fullUrl, formParams).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.strip().getBytes(StandardCharsets.US_ASCII);
        // Constant time, so an attacker cannot learn the signature byte by byte from response timings.
        return MessageDigest.isEqual(expected, given);
    }

    /** The signature Twilio would send for this URL and these form parameters. */
    public String sign(String fullUrl, Map<String, String> params) {
        StringBuilder data = new StringBuilder(fullUrl);
        // String's natural order is by UTF-16 code unit, which matches Twilio's byte-wise sort for ASCII names.
        new TreeMap<>(params == null ? Map.<String, String>of() : params)
                .forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // HmacSHA1 is a mandatory JDK algorithm; its absence is a broken runtime, not a bad request.
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
