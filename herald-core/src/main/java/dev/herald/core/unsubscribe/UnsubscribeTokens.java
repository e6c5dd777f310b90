package dev.herald.core.unsubscribe;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.KeyIds;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.core.tenancy.TenantSecrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The tokens in unsubscribe links: an HMAC-SHA256 over tenant, user, type, channel and expiry, keyed by a secret of
 * the tenant kept by {@link TenantSecrets} (the way user tokens are signed, under a purpose of its own), so a link
 * speaks for exactly one user, type and channel and cannot be altered to speak for another. Nothing is stored per
 * link. The server remembers keys per node until the access version moves, so signing costs no query on the send
 * path. Format:
 * {@code hx2.<tenant b64url>.<user b64url>.<type b64url>.<CHANNEL>.<expiry epoch s>.<key id>.<signature b64url>};
 * the key id names the tenant's key that signed it, so links sent before a rotation keep working until that key is
 * retired. Links of the earlier {@code hx1} format (no key id) were signed by key 1.
 */
public final class UnsubscribeTokens {
    /** The tenant secret that signs unsubscribe links. */
    public static final String PURPOSE = "unsubscribe-link";
    /** Longer tokens are refused unread: ids and type names are bounded well below this. */
    public static final int MAX_LENGTH = 1024;
    private static final String VERSION = "hx2";
    private static final String VERSION_WITHOUT_KEY = "hx1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final TenantSecrets secrets;
    private final Clock clock;

    public UnsubscribeTokens(TenantSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A token for the user's {@code type} on {@code channel}, valid for {@code ttl}. */
    public String issue(TenantId tenant, String userId, String type, Channel channel, Duration ttl) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        SigningKey key = secrets.current(tenant, PURPOSE);
        String payload = VERSION + "." + b64(tenant.value()) + "." + b64(userId) + "." + b64(type) + "."
                + channel.name() + "." + expiry + "." + key.id();
        return payload + "." + B64.encodeToString(sign(key.secret(), payload));
    }

    /** The token's subject if it is well-formed, signed by a live key of its tenant and not expired. */
    public Verdict verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Verdict.FORGED;
        }
        String[] parts = token.split("\\.", -1);
        boolean withKey = parts.length == 8 && VERSION.equals(parts[0]);
        if (!withKey && !(parts.length == 7 && VERSION_WITHOUT_KEY.equals(parts[0]))) {
            return Verdict.FORGED;
        }
        try {
            TenantId tenant = new TenantId(unb64(parts[1]));
            int keyId = withKey ? KeyIds.parse(parts[6]) : 1;
            String payload = token.substring(0, token.lastIndexOf('.'));
            // Never creates a key: a made-up tenant writes no row.
            Optional<byte[]> secret = secrets.find(tenant, PURPOSE, keyId);
            if (secret.isEmpty()
                    || !MessageDigest.isEqual(sign(secret.get(), payload), B64D.decode(parts[parts.length - 1]))) {
                return Verdict.FORGED;
            }
            Channel channel = Channel.valueOf(parts[4]);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[5]));
            UnsubscribeToken subject = new UnsubscribeToken(tenant, unb64(parts[2]), unb64(parts[3]), channel,
                    expiresAt);
            return clock.instant().isBefore(expiresAt) ? new Verdict.Valid(subject) : new Verdict.Expired(subject);
        } catch (IllegalArgumentException | DateTimeException malformed) {
            return Verdict.FORGED;
        }
    }

    /** What checking a token found. */
    public sealed interface Verdict {
        /** Not a token signed here: altered, made up, of an unknown tenant, or signed by a retired key. */
        Verdict FORGED = new Forged();

        record Valid(UnsubscribeToken token) implements Verdict {
        }

        /** Signed here, but past its expiry. */
        record Expired(UnsubscribeToken token) implements Verdict {
        }

        record Forged() implements Verdict {
        }
    }

    private static String b64(String value) {
        return B64.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String value) {
        return new String(B64D.decode(value), StandardCharsets.UTF_8);
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
