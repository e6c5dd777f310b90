package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens for end users' browsers: an HMAC-SHA256 over tenant, user and expiry, keyed by a secret of the tenant. A
 * backend with an API key asks for one per signed-in user; the browser then reads that user's inbox and nothing
 * else. Stateless to check, so the inbox endpoints need no session store. Format:
 * {@code hu1.<tenant b64url>.<user b64url>.<expiry epoch seconds>.<signature b64url>}.
 */
public final class UserTokens {
    static final String PURPOSE = "user-token";
    private static final String VERSION = "hu1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final TenantSecrets secrets;
    private final Clock clock;

    public UserTokens(TenantSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public String issue(TenantId tenant, String userId, Duration ttl) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = VERSION + "." + B64.encodeToString(tenant.value().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "." + expiry;
        return payload + "." + B64.encodeToString(sign(secrets.secret(tenant, PURPOSE), payload));
    }

    /** The token's subject if it is well-formed, correctly signed and not expired; empty otherwise. */
    public Optional<UserToken> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            TenantId tenant = new TenantId(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
            String userId = new String(B64D.decode(parts[2]), StandardCharsets.UTF_8);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            byte[] given = B64D.decode(parts[4]);
            String payload = token.substring(0, token.lastIndexOf('.'));
            Optional<byte[]> secret = secrets.find(tenant, PURPOSE);
            if (secret.isEmpty() || !MessageDigest.isEqual(sign(secret.get(), payload), given)
                    || !clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new UserToken(tenant, userId, expiresAt));
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] sign(byte[] secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
