package dev.herald.server.security;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SuspendedTenants;
import dev.herald.core.tenancy.TenantStore;

import java.time.Duration;
import java.util.Set;

/**
 * The suspended tenants as the dispatcher sees them: read again only when the access version moved (a suspension
 * moves it), so a send costs no query and a suspension or resumption reaches every node within a second.
 */
public final class CurrentSuspensions implements SuspendedTenants {
    private record Seen(long version, Set<TenantId> tenants) {
    }

    private final TenantStore tenants;
    private final AccessVersion version;
    private final Duration recheck;
    private volatile Seen seen = new Seen(Long.MIN_VALUE, Set.of());

    public CurrentSuspensions(TenantStore tenants, AccessVersion version, Duration recheck) {
        this.tenants = tenants;
        this.version = version;
        this.recheck = recheck;
    }

    @Override
    public Duration recheckAfter() {
        return recheck;
    }

    @Override
    public boolean isSuspended(TenantId tenant) {
        long current = version.current();
        Seen now = seen;
        if (now.version() != current) {
            now = new Seen(current, tenants.suspended());
            seen = now;
        }
        return now.tenants().contains(tenant);
    }
}
