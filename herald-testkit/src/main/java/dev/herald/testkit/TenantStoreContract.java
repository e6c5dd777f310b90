package dev.herald.testkit;

import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.User;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Authentication;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.KeyOrigin;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tenancy.Tenant;
import dev.herald.core.tenancy.TenantStore.Removal;
import dev.herald.core.types.SeedTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.tenancy.TenantStore} must do. */
public abstract class TenantStoreContract extends StoreContract {
    private static final TenantId ACME = new TenantId("acme");

    private IssuedKey adminOf(TenantId tenant) {
        return new ApiKeys(stores.apiKeys(), ids, clock).prepare(tenant, "admin", Set.of(Scope.ADMIN),
                KeyOrigin.ISSUED, null);
    }

    private Authentication authenticate(String secret) {
        return new ApiKeys(stores.apiKeys(), ids, clock).authenticate(secret);
    }

    @Test
    void aTenantIsCreatedWithItsFirstAdminKey() {
        IssuedKey admin = adminOf(ACME);

        assertThat(stores.tenants().create(new Tenant(ACME, "Acme", false, T0), admin.key())).isTrue();

        assertThat(stores.tenants().find(ACME)).contains(new Tenant(ACME, "Acme", false, T0));
        assertThat(authenticate(admin.secret())).isInstanceOf(Authentication.Accepted.class);
    }

    @Test
    void aTakenIdCreatesNothing() {
        stores.tenants().create(new Tenant(ACME, "Acme", false, T0), adminOf(ACME).key());
        IssuedKey second = adminOf(ACME);

        assertThat(stores.tenants().create(new Tenant(ACME, "Other Acme", false, T0), second.key())).isFalse();

        assertThat(stores.tenants().find(ACME)).get().extracting(Tenant::name).isEqualTo("Acme");
        assertThat(authenticate(second.secret())).isInstanceOf(Authentication.Refused.class);
    }

    @Test
    void tenantsAreListedByIdInPages() {
        stores.tenants().create(new Tenant(ACME, "Acme", false, T0), adminOf(ACME).key());

        List<Tenant> first = stores.tenants().list(null, 2);
        assertThat(first).extracting(t -> t.id().value()).containsExactly("acme", "default");
        assertThat(stores.tenants().list("default", 2)).extracting(t -> t.id().value()).containsExactly("other");
    }

    @Test
    void suspendingMovesTheAccessVersionOnAndResumingToo() {
        long before = stores.apiKeys().accessVersion();

        assertThat(stores.tenants().update(OTHER_TENANT, Optional.empty(), Optional.of(true))).get()
                .extracting(Tenant::suspended).isEqualTo(true);
        assertThat(stores.tenants().suspended()).containsExactly(OTHER_TENANT);
        assertThat(stores.apiKeys().accessVersion()).isEqualTo(before + 1);

        assertThat(stores.tenants().update(OTHER_TENANT, Optional.of("Renamed"), Optional.empty())).get()
                .extracting(Tenant::name, Tenant::suspended).containsExactly("Renamed", true);
        assertThat(stores.apiKeys().accessVersion()).as("a rename does not move it").isEqualTo(before + 1);

        stores.tenants().update(OTHER_TENANT, Optional.empty(), Optional.of(false));
        assertThat(stores.tenants().suspended()).isEmpty();
        assertThat(stores.apiKeys().accessVersion()).isEqualTo(before + 2);
        assertThat(stores.tenants().find(TENANT)).get().extracting(Tenant::suspended).isEqualTo(false);
    }

    @Test
    void updatingAnUnknownTenantFindsNothing() {
        assertThat(stores.tenants().update(ACME, Optional.of("x"), Optional.of(true))).isEmpty();
        assertThat(stores.tenants().find(ACME)).isEmpty();
    }

    @Test
    void anEmptyTenantIsRemovedWithItsKeysAndTypes() {
        IssuedKey admin = adminOf(ACME);
        stores.tenants().create(new Tenant(ACME, "Acme", false, T0), admin.key());
        stores.types().putIfAbsent(ACME, SeedTypes.all(T0).getFirst());
        stores.secrets().secret(ACME, "user-token");
        long before = stores.apiKeys().accessVersion();

        assertThat(stores.tenants().remove(ACME)).isEqualTo(Removal.REMOVED);

        assertThat(stores.tenants().find(ACME)).isEmpty();
        assertThat(stores.types().list(ACME)).isEmpty();
        assertThat(authenticate(admin.secret())).isInstanceOf(Authentication.Refused.class);
        assertThat(stores.apiKeys().accessVersion()).isEqualTo(before + 1);
        assertThat(stores.tenants().remove(ACME)).isEqualTo(Removal.NOT_FOUND);
    }

    @Test
    void aTenantWithUsersOrNotificationsIsNotRemoved() {
        stores.tenants().create(new Tenant(ACME, "Acme", false, T0), adminOf(ACME).key());
        stores.users().put(ACME, new User("ann", "ann@example.com", null, null, null, null, T0));
        assertThat(stores.tenants().remove(ACME)).isEqualTo(Removal.NOT_EMPTY);
        stores.users().delete(ACME, "ann");

        stores.notifications().save(ACME, List.of(aNotification().tenant(ACME).build()));

        assertThat(stores.tenants().remove(ACME)).isEqualTo(Removal.NOT_EMPTY);
        assertThat(stores.tenants().find(ACME)).isPresent();
    }

    @Test
    void removingOneTenantLeavesAnotherAlone() {
        IssuedKey other = new ApiKeys(stores.apiKeys(), ids, clock).issue(OTHER_TENANT, "b", Set.of(Scope.ADMIN));
        stores.types().putIfAbsent(OTHER_TENANT, SeedTypes.all(T0).getFirst());
        stores.tenants().create(new Tenant(ACME, "Acme", false, T0), adminOf(ACME).key());

        stores.tenants().remove(ACME);

        assertThat(authenticate(other.secret())).isInstanceOf(Authentication.Accepted.class);
        assertThat(stores.types().list(OTHER_TENANT)).hasSize(1);
    }
}
