package dev.herald.server.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.SignedOutSessions;
import dev.herald.core.tenancy.Tenant;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.server.security.AccessVersion;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Who a console session acts as, asked on every request: the session must not have been signed out, the key must
 * still exist unrevoked and unexpired and its tenant (and the one viewed) must not be suspended. Answers are kept
 * while the access version stands, the same rule as {@code CachedKeys}: every sign-out, revocation and suspension
 * moves the version on, so a signed-out session or a revoked key's sessions end on every node within one read of the
 * version.
 */
public final class ConsoleCallers {
    private record Entry(long version, Optional<Caller> caller) {
    }

    private final ApiKeyStore keys;
    private final TenantStore tenants;
    private final SignedOutSessions signedOut;
    private final AccessVersion version;
    private final Clock clock;
    private final Cache<ConsoleSession, Entry> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

    public ConsoleCallers(ApiKeyStore keys, TenantStore tenants, SignedOutSessions signedOut, AccessVersion version,
                          Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.signedOut = signedOut;
        this.version = version;
        this.clock = clock;
    }

    /** The caller the session acts as; empty when its key or tenant no longer stands. */
    public Optional<Caller> of(ConsoleSession session) {
        long current = version.current();
        Entry entry = cache.getIfPresent(session);
        if (entry == null || entry.version() != current) {
            entry = new Entry(current, look(session));
            cache.put(session, entry);
        }
        return entry.caller().filter(c -> !c.isExpiredAt(clock.instant()));
    }

    private Optional<Caller> look(ConsoleSession session) {
        if (signedOut.isSignedOut(session.keyTenant(), session.hash())) {
            return Optional.empty();
        }
        Optional<ApiKey> key = keys.find(session.keyTenant(), session.keyId());
        if (key.isEmpty() || suspended(session.keyTenant())) {
            return Optional.empty();
        }
        Caller caller = Caller.of(key.get());
        if (session.viewing().equals(caller.tenant())) {
            return Optional.of(caller);
        }
        // The operator may look into a suspended tenant (that is often why one looks), as with Herald-Tenant.
        return caller.operator() && tenants.find(session.viewing()).isPresent()
                ? Optional.of(caller.actingFor(session.viewing())) : Optional.empty();
    }

    private boolean suspended(TenantId tenant) {
        return tenants.find(tenant).map(Tenant::suspended).orElse(true);
    }
}
