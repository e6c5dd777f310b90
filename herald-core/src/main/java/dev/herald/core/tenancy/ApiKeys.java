package dev.herald.core.tenancy;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.TenantId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and checks API keys. Keys carry 256 random bits, so a fast SHA-256 is enough to store them safely
 * (a slow password hash protects guessable secrets, which these are not) and a lookup costs one indexed read.
 */
public final class ApiKeys {
    private static final String PREFIX = "hk_";

    private final ApiKeyStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(ApiKeyStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    public IssuedKey issue(TenantId tenant, String name, Set<Scope> scopes) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey(ids.next(), tenant, name, hash(secret), scopes, clock.instant());
        store.save(key);
        return new IssuedKey(secret, key);
    }

    public Optional<Caller> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        return store.findByHash(hash(presented)).map(k -> new Caller(k.tenant(), k.id(), k.scopes()));
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
