package dev.herald.core.tenancy;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.TenantId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Issues and checks API keys. Keys carry 256 random bits, so a fast SHA-256 is enough to store them safely
 * (a slow password hash protects guessable secrets, which these are not) and a lookup costs one indexed read.
 * New keys start with {@code hk_live_} so secret scanners can recognise a leaked one; keys issued earlier start
 * with {@code hk_} and keep working.
 */
public final class ApiKeys {
    /** What every Herald key starts with, old and new. */
    public static final String ANY_PREFIX = "hk_";
    /** What keys issued now start with. */
    public static final String LIVE_PREFIX = "hk_live_";
    private static final int SHOWN_RANDOM_CHARACTERS = 4;

    private final ApiKeyStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(ApiKeyStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new key, saved: no expiry, made through the API. */
    public IssuedKey issue(TenantId tenant, String name, Set<Scope> scopes) {
        return issue(tenant, name, scopes, null);
    }

    public IssuedKey issue(TenantId tenant, String name, Set<Scope> scopes, Instant expiresAt) {
        IssuedKey issued = prepare(tenant, name, scopes, KeyOrigin.ISSUED, expiresAt);
        store.save(issued.key());
        return issued;
    }

    /** A new key and its secret, not saved yet (the caller saves it with whatever must be written with it). */
    public IssuedKey prepare(TenantId tenant, String name, Set<Scope> scopes, KeyOrigin origin, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = LIVE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new IssuedKey(secret, describe(secret, tenant, name, scopes, origin, expiresAt));
    }

    /** The stored form of a secret made elsewhere ({@code herald.admin-key}). */
    public ApiKey describe(String secret, TenantId tenant, String name, Set<Scope> scopes, KeyOrigin origin,
                           Instant expiresAt) {
        return new ApiKey(ids.next(), tenant, name, hash(secret), prefixOf(secret), scopes, origin, clock.instant(),
                expiresAt);
    }

    public Authentication authenticate(String presented) {
        if (presented == null || !presented.startsWith(ANY_PREFIX) || presented.length() > 100) {
            return new Authentication.Refused("unknown or revoked API key");
        }
        return store.findByHash(hash(presented)).map(this::judge)
                .orElseGet(() -> new Authentication.Refused("unknown or revoked API key"));
    }

    private Authentication judge(PresentedKey found) {
        Caller caller = Caller.of(found.key());
        if (found.revokedAt() != null) {
            return new Authentication.Refused("unknown or revoked API key");
        }
        if (caller.isExpiredAt(clock.instant())) {
            return new Authentication.Refused("expired API key");
        }
        return found.tenantSuspended() ? new Authentication.Suspended(caller) : new Authentication.Accepted(caller);
    }

    /**
     * The start of a secret, shown to recognise it: the known prefix and four random characters. Four of 43 random
     * characters give nothing useful away.
     */
    public static String prefixOf(String secret) {
        int known = secret.startsWith(LIVE_PREFIX) ? LIVE_PREFIX.length() : ANY_PREFIX.length();
        return secret.substring(0, Math.min(secret.length(), known + SHOWN_RANDOM_CHARACTERS));
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
