package dev.herald.testkit;

import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Scope;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What every {@link dev.herald.core.tenancy.ApiKeyStore} must do. */
public abstract class ApiKeyStoreContract extends StoreContract {

    @Test
    void aKeyIsFoundByItsHashOnly() {
        ApiKeys keys = new ApiKeys(stores.apiKeys(), ids, clock);
        var issued = keys.issue(TENANT, "ci", Set.of(Scope.SEND, Scope.READ));

        assertThat(stores.apiKeys().findByHash(ApiKeys.hash(issued.secret()))).get()
                .extracting(ApiKey::tenant, ApiKey::scopes)
                .containsExactly(TENANT, Set.of(Scope.SEND, Scope.READ));
        assertThat(keys.authenticate(issued.secret())).get().extracting(c -> c.tenant()).isEqualTo(TENANT);
        assertThat(keys.authenticate(issued.secret() + "x")).isEmpty();
        assertThat(issued.key().keyHash()).doesNotContain(issued.secret());
    }

    @Test
    void adminKeysAreCountedPerTenant() {
        ApiKeys keys = new ApiKeys(stores.apiKeys(), ids, clock);
        keys.issue(TENANT, "sender", Set.of(Scope.SEND));
        assertThat(stores.apiKeys().hasAdminKey(TENANT)).isFalse();

        keys.issue(TENANT, "admin", Set.of(Scope.ADMIN));

        assertThat(stores.apiKeys().hasAdminKey(TENANT)).isTrue();
        assertThat(stores.apiKeys().hasAdminKey(OTHER_TENANT)).isFalse();
    }

    @Test
    void ensuringATenantTwiceIsHarmless() {
        ApiKeys keys = new ApiKeys(stores.apiKeys(), ids, clock);
        var issued = keys.issue(TENANT, "admin", Set.of(Scope.ADMIN));

        assertThatCode(() -> {
            stores.apiKeys().ensureTenant(TENANT, "Default");
            stores.apiKeys().ensureTenant(TENANT, "Renamed");
        }).doesNotThrowAnyException();

        // The tenant was neither recreated nor emptied: its keys still work and still count.
        assertThat(keys.authenticate(issued.secret())).get().extracting(c -> c.tenant()).isEqualTo(TENANT);
        assertThat(stores.apiKeys().hasAdminKey(TENANT)).isTrue();
    }
}
