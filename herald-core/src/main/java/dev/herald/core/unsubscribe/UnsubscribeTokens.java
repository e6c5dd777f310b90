package dev.herald.core.unsubscribe;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens in unsubscribe links: an HMAC-SHA256 over tenant, user, type, channel and expiry, keyed by a secret of
 * the tenant kept by {@link TenantSecrets} (the way user tokens are signed, under a purpose of its own), so a link
 * speaks for exactly one user, type and channel and cannot be altered to speak for another. Nothing is stored per
 * link. Secrets never change once made, so each is read once per node and then signing costs no query: the send
 * path stays free of reads. Format:
 * {@code hx1.<tenant b64url>.<user b64url>.<type b64url>.<CHANNEL>.<expiry epoch s>.<signature b64url>}.
 */
public final class UnsubscribeTokens {
    /** The tenant secret that signs unsubscribe links. */
    public static final String PURPOSE = "unsubscribe-link";
    /** Longer tokens are refused unread: ids and type names are bounded well below this. */
    public static final int MAX_LENGTH = 1024;
    private static final String VERSION = "hx1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final TenantSecrets secrets;
    private final Clock clock;
    private final Map<TenantId, byte[]> known = new ConcurrentHashMap<>();

    public UnsubscribeTokens(TenantSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A token for the user's {@code type} on {@code channel}, valid for {@code ttl}. */
    public String issue(TenantId tenant, String userId, String type, Channel channel, Duration ttl) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = VERSION + "." + b64(tenant.value()) + "." + b64(userId) + "." + b64(type) + "."
                + channel.name() + "." + expiry;
        byte[] secret = known.get(tenant);
        if (secret == null) {
            // Read outside the map's lock: a slow first read for one tenant must not hold up another's sends.
            byte[] read = secrets.secret(tenant, PURPOSE);
            byte[] raced = known.putIfAbsent(tenant, read);
            secret = raced != null ? raced : read;
        }
        return payload + "." + B64.encodeToString(sign(secret, payload));
    }

    /** The token's subject if it is well-formed, signed by its tenant's secret and not expired. */
    public Verdict verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Verdict.FORGED;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 7 || !VERSION.equals(parts[0])) {
            return Verdict.FORGED;
        }
        try {
            TenantId tenant = new TenantId(unb64(parts[1]));
            String payload = token.substring(0, token.lastIndexOf('.'));
            Optional<byte[]> secret = secretOf(tenant);
            if (secret.isEmpty() || !MessageDigest.isEqual(sign(secret.get(), payload), B64D.decode(parts[6]))) {
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
        /** Not a token signed here: altered, made up, or of an unknown tenant. */
        Verdict FORGED = new Forged();

        record Valid(UnsubscribeToken token) implements Verdict {
        }

        /** Signed here, but past its expiry. */
        record Expired(UnsubscribeToken token) implements Verdict {
        }

        record Forged() implements Verdict {
        }
    }

    /** Checking never creates a secret (a made-up tenant would write a row); only secrets found are remembered. */
    private Optional<byte[]> secretOf(TenantId tenant) {
        byte[] cached = known.get(tenant);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> found = secrets.find(tenant, PURPOSE);
        found.ifPresent(secret -> known.putIfAbsent(tenant, secret));
        return found;
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
