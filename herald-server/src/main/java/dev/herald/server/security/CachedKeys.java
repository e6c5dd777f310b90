package dev.herald.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Authentication;
import dev.herald.core.tenancy.Caller;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keys this node has checked, so authentication costs no database read on the hot path. Each entry carries the
 * access version it was read under and counts only while that is still the current version, so a revocation or a
 * suspension on any node is honoured here within one read of the version (a second); an expiry is checked on
 * every use.
 */
public final class CachedKeys {
    private record Entry(long version, Authentication result) {
    }

    private final ApiKeys apiKeys;
    private final AccessVersion version;
    private final Clock clock;
    private final Cache<String, Entry> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

    public CachedKeys(ApiKeys apiKeys, AccessVersion version, Clock clock) {
        this.apiKeys = apiKeys;
        this.version = version;
        this.clock = clock;
    }

    /** What the key came to when this node last checked it under the current access version, if it did. */
    public Optional<Authentication> cached(String key) {
        Entry entry = cache.getIfPresent(key);
        if (entry == null || entry.version() != version.current()) {
            return Optional.empty();
        }
        return Optional.of(expiredNow(entry.result()));
    }

    /** Checks the key against the store; what is not a refusal is kept for the next request. */
    public Authentication authenticate(String key) {
        // The version first: an entry is never newer than the version it is filed under.
        long current = version.current();
        Authentication result = apiKeys.authenticate(key);
        if (!(result instanceof Authentication.Refused)) {
            cache.put(key, new Entry(current, result));
        }
        return result;
    }

    private Authentication expiredNow(Authentication result) {
        Caller caller = switch (result) {
            case Authentication.Accepted accepted -> accepted.caller();
            case Authentication.Suspended suspended -> suspended.caller();
            case Authentication.Refused refused -> null;
        };
        return caller != null && caller.isExpiredAt(clock.instant())
                ? new Authentication.Refused("expired API key") : result;
    }
}
