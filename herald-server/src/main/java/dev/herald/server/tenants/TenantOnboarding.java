package dev.herald.server.tenants;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.KeyOrigin;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tenancy.Tenant;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.core.tenancy.UserTokens;
import dev.herald.server.types.SeedTypesBootstrap;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a tenant ready to use, as the default tenant is after the first start: the tenant and its first admin key in
 * one transaction, then its seed types and templates and its secrets. Those two steps are idempotent (a tenant with
 * types keeps them, a secret is made once), so repeating them is harmless.
 */
public final class TenantOnboarding {
    private final TenantStore tenants;
    private final ApiKeys apiKeys;
    private final SeedTypesBootstrap seeds;
    private final TenantSecrets secrets;
    private final Clock clock;

    public TenantOnboarding(TenantStore tenants, ApiKeys apiKeys, SeedTypesBootstrap seeds, TenantSecrets secrets,
                            Clock clock) {
        this.tenants = tenants;
        this.apiKeys = apiKeys;
        this.seeds = seeds;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The new tenant and its first admin key (the secret shown once); empty when the id is taken. */
    public Optional<Onboarded> create(TenantId id, String name) {
        IssuedKey admin = apiKeys.prepare(id, "admin", Set.of(Scope.ADMIN), KeyOrigin.ISSUED, null);
        Tenant tenant = new Tenant(id, name, false, clock.instant());
        if (!tenants.create(tenant, admin.key())) {
            return Optional.empty();
        }
        seeds.install(id);
        // Made now rather than on first use, so the tenant's inbox tokens work on every node from the start.
        secrets.secret(id, UserTokens.PURPOSE);
        return Optional.of(new Onboarded(tenant, admin));
    }

    public record Onboarded(Tenant tenant, IssuedKey firstAdminKey) {
    }
}
