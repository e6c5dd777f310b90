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
import java.time.DateTimeException;

/**
 * Tokens for end users' browsers: an HMAC-SHA256 over tenant, user, the user's token generation and expiry, keyed
 * by a secret of the tenant. A backend with an API key asks for one per signed-in user; the browser then reads that
 * user's inbox and nothing else. Checking needs no session store, only the user's generation (one indexed read),
 * which deleting the user moves on. Format:
 * {@code hu3.<tenant b64url>.<user b64url>.<generation>.<expiry epoch seconds>.<key id>.<signature b64url>}, the key
 * id naming the tenant's key that signed it (keys rotate: {@link SigningKeyRotation}). Tokens of the earlier formats
 * were signed by key 1: {@code hu2} (no key id) and {@code hu1} (no generation either, counted as generation 0).
 */
public final class UserTokens {
    /** The tenant secret that signs user tokens. */
    public static final String PURPOSE = "user-token";
    private static final String VERSION = "hu3";
    private static final String VERSION_WITHOUT_KEY = "hu2";
    private static final String VERSION_WITHOUT_GENERATION = "hu1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final TenantSecrets secrets;
    private final TokenGenerations generations;
    private final Clock clock;

    public UserTokens(TenantSecrets secrets, TokenGenerations generations, Clock clock) {
        this.secrets = secrets;
        this.generations = generations;
        this.clock = clock;
    }

    public String issue(TenantId tenant, String userId, Duration ttl) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        SigningKey key = secrets.current(tenant, PURPOSE);
        String payload = VERSION + "." + B64.encodeToString(tenant.value().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "."
                + generations.current(tenant, userId) + "." + expiry + "." + key.id();
        return payload + "." + B64.encodeToString(sign(key.secret(), payload));
    }

    /** The token's subject if it is well-formed, correctly signed and not expired; empty otherwise. */
    public Optional<UserToken> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        boolean withKey = parts.length == 7 && VERSION.equals(parts[0]);
        boolean withGeneration = withKey || parts.length == 6 && VERSION_WITHOUT_KEY.equals(parts[0]);
        if (!withGeneration && !(parts.length == 5 && VERSION_WITHOUT_GENERATION.equals(parts[0]))) {
            return Optional.empty();
        }
        try {
            TenantId tenant = new TenantId(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
            String userId = new String(B64D.decode(parts[2]), StandardCharsets.UTF_8);
            long generation = withGeneration ? Long.parseLong(parts[3]) : 0;
            int keyId = withKey ? KeyIds.parse(parts[5]) : 1;
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[withGeneration ? 4 : 3]));
            byte[] given = B64D.decode(parts[parts.length - 1]);
            String payload = token.substring(0, token.lastIndexOf('.'));
            Optional<byte[]> secret = secrets.find(tenant, PURPOSE, keyId);
            if (secret.isEmpty() || !MessageDigest.isEqual(sign(secret.get(), payload), given)
                    || !clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            // Read only for a genuine token: a forged one costs no query. A deleted user's tokens stay refused.
            if (generation != generations.current(tenant, userId)) {
                return Optional.empty();
            }
            return Optional.of(new UserToken(tenant, userId, expiresAt));
        } catch (IllegalArgumentException | DateTimeException malformed) {
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
