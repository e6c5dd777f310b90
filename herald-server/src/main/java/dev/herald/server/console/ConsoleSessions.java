package dev.herald.server.console;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.TenantSecrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Console session tokens, kept in an HttpOnly cookie: an HMAC-SHA256 over the key id, the key's tenant, the tenant
 * being viewed, the expiry and a random nonce, keyed by a secret of the installation stored in the database (so every
 * node checks every node's sessions without storing them). The key itself is never in the token. Whether the key
 * still stands (revoked, expired, tenant suspended) and whether the session was signed out (a row in
 * {@code SignedOutSessions}, keyed by a hash of the nonce) are asked on every request by {@link ConsoleCallers}, so
 * revoking the key or signing out ends the session on every node, and a copied cookie stops working too. The CSRF token is an HMAC of the nonce: a page can show it, only the
 * holder of the cookie matches it, and a script on another site can read neither.
 * Format: {@code hc1.<key id>.<key tenant b64url>.<viewing b64url>.<expiry epoch s>.<nonce b64url>.<signature>}.
 */
public final class ConsoleSessions {
    static final String PURPOSE = "console-session";
    private static final String VERSION = "hc1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final TenantSecrets secrets;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] secret;

    public ConsoleSessions(TenantSecrets secrets, Clock clock, Duration ttl) {
        this.secrets = secrets;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A new session token for the key, viewing the given tenant. */
    public String issue(UUID keyId, TenantId keyTenant, TenantId viewing) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return sign(keyId, keyTenant, viewing, clock.instant().plus(ttl).getEpochSecond(), B64.encodeToString(nonce));
    }

    /** The same session (expiry, nonce and so CSRF token kept) viewing another tenant. */
    public String switchTo(String token, TenantId viewing) {
        ConsoleSession session = verify(token).orElseThrow(() -> new IllegalArgumentException("not a session"));
        String nonce = token.split("\\.", -1)[5];
        return sign(session.keyId(), session.keyTenant(), viewing, session.expiresAt().getEpochSecond(), nonce);
    }

    private String sign(UUID keyId, TenantId keyTenant, TenantId viewing, long expiry, String nonce) {
        String payload = VERSION + "." + keyId + "." + b64(keyTenant.value()) + "." + b64(viewing.value()) + "."
                + expiry + "." + nonce;
        return payload + "." + B64.encodeToString(mac(secret(), payload));
    }

    /** The session if the token is well-formed, signed here and not expired. */
    public Optional<ConsoleSession> verify(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 7 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            String payload = token.substring(0, token.lastIndexOf('.'));
            if (!MessageDigest.isEqual(mac(secret(), payload), B64D.decode(parts[6]))) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[4]));
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            String csrf = B64.encodeToString(mac(secret(), "csrf." + parts[5]));
            return Optional.of(new ConsoleSession(UUID.fromString(parts[1]), new TenantId(unb64(parts[2])),
                    new TenantId(unb64(parts[3])), expiresAt, csrf, sha256(parts[5])));
        } catch (IllegalArgumentException | DateTimeException malformed) {
            return Optional.empty();
        }
    }

    /** Whether the token given with a request is the session's CSRF token (constant time). */
    public static boolean csrfMatches(ConsoleSession session, String given) {
        return given != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Read once: the secret never changes once made, and a session check then costs no query. */
    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            known = secrets.secret(TenantId.defaultTenant(), PURPOSE);
            secret = known;
        }
        return known;
    }

    private static String b64(String value) {
        return B64.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String value) {
        return new String(B64D.decode(value), StandardCharsets.UTF_8);
    }

    private static String sha256(String nonce) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] mac(byte[] secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
