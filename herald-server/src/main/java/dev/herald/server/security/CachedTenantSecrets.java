package dev.herald.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.core.tenancy.TenantSecrets;

import java.util.Optional;

/**
 * Signing keys this node has read, so signing an unsubscribe link on the send path or checking a user token costs
 * no query. Each entry carries the access version it was read under and counts only while that is still current:
 * rotating or retiring a key moves the version, so every node signs with the new key, and refuses what a retired key
 * signed, within one read of the version (half a second by default; at once with Redis). Keys not found are not
 * remembered: a made-up tenant or key id costs a query, as an unknown API key does.
 */
public final class CachedTenantSecrets implements TenantSecrets {
    private record Current(long version, SigningKey key) {
    }

    private record Found(long version, byte[] secret) {
    }

    private final TenantSecrets stored;
    private final AccessVersion version;
    private final Cache<String, Current> current = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, Found> found = Caffeine.newBuilder().maximumSize(10_000).build();

    public CachedTenantSecrets(TenantSecrets stored, AccessVersion version) {
        this.stored = stored;
        this.version = version;
    }

    @Override
    public SigningKey current(TenantId tenant, String purpose) {
        // The version first: an entry is never newer than the version it is filed under.
        long now = version.current();
        String key = tenant.value() + "\u0000" + purpose;
        Current cached = current.getIfPresent(key);
        if (cached == null || cached.version() != now) {
            cached = new Current(now, stored.current(tenant, purpose));
            current.put(key, cached);
        }
        // Copies: the remembered secret must not be changed by whoever holds the answer.
        return new SigningKey(cached.key().id(), cached.key().secret().clone());
    }

    @Override
    public Optional<byte[]> find(TenantId tenant, String purpose, int keyId) {
        long now = version.current();
        String key = tenant.value() + "\u0000" + purpose + "\u0000" + keyId;
        Found cached = found.getIfPresent(key);
        if (cached == null || cached.version() != now) {
            Optional<byte[]> read = stored.find(tenant, purpose, keyId);
            if (read.isEmpty()) {
                found.invalidate(key);
                return read;
            }
            cached = new Found(now, read.get());
            found.put(key, cached);
        }
        return Optional.of(cached.secret().clone());
    }
}
