package dev.herald.testkit;

import dev.herald.core.tenancy.ApiKey;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Authentication;
import dev.herald.core.tenancy.KeyOrigin;
import dev.herald.core.tenancy.ListedKey;
import dev.herald.core.tenancy.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What every {@link dev.herald.core.tenancy.ApiKeyStore} must do. */
public abstract class ApiKeyStoreContract extends StoreContract {

    private ApiKeys keys() {
        return new ApiKeys(stores.apiKeys(), ids, clock);
    }

    @Test
    void aKeyIsFoundByItsHashOnly() {
        ApiKeys keys = keys();
        var issued = keys.issue(TENANT, "ci", Set.of(Scope.SEND, Scope.READ));

        assertThat(stores.apiKeys().findByHash(ApiKeys.hash(issued.secret()))).get()
                .extracting(k -> k.key().tenant(), k -> k.key().scopes(), k -> k.key().prefix())
                .containsExactly(TENANT, Set.of(Scope.SEND, Scope.READ), ApiKeys.prefixOf(issued.secret()));
        assertThat(keys.authenticate(issued.secret())).isInstanceOf(Authentication.Accepted.class);
        assertThat(keys.authenticate(issued.secret() + "x")).isInstanceOf(Authentication.Refused.class);
        assertThat(issued.key().keyHash()).doesNotContain(issued.secret());
        assertThat(issued.secret()).startsWith("hk_live_");
    }

    @Test
    void adminKeysAreCountedPerTenant() {
        ApiKeys keys = keys();
        keys.issue(TENANT, "sender", Set.of(Scope.SEND));
        assertThat(stores.apiKeys().hasAdminKey(TENANT)).isFalse();

        keys.issue(TENANT, "admin", Set.of(Scope.ADMIN));

        assertThat(stores.apiKeys().hasAdminKey(TENANT)).isTrue();
        assertThat(stores.apiKeys().hasAdminKey(OTHER_TENANT)).isFalse();
    }

    @Test
    void ensuringATenantTwiceIsHarmless() {
        ApiKeys keys = keys();
        var issued = keys.issue(TENANT, "admin", Set.of(Scope.ADMIN));

        assertThatCode(() -> {
            stores.apiKeys().ensureTenant(TENANT, "Default");
            stores.apiKeys().ensureTenant(TENANT, "Renamed");
        }).doesNotThrowAnyException();

        // The tenant was neither recreated nor emptied: its keys still work and still count.
        assertThat(keys.authenticate(issued.secret())).isInstanceOf(Authentication.Accepted.class);
        assertThat(stores.apiKeys().hasAdminKey(TENANT)).isTrue();
    }

    @Test
    void aRevokedKeyIsRefusedAndTheAccessVersionMovesOn() {
        ApiKeys keys = keys();
        var issued = keys.issue(TENANT, "leaked", Set.of(Scope.SEND));
        long before = stores.apiKeys().accessVersion();

        assertThat(stores.apiKeys().revoke(TENANT, issued.key().id(), clock.instant())).isTrue();

        assertThat(keys.authenticate(issued.secret())).isInstanceOf(Authentication.Refused.class);
        assertThat(stores.apiKeys().accessVersion()).isEqualTo(before + 1);
        assertThat(stores.apiKeys().find(TENANT, issued.key().id())).isEmpty();
        assertThat(stores.apiKeys().list(TENANT, 100)).extracting(k -> k.key().id())
                .doesNotContain(issued.key().id());
        // Revoking again changes nothing, and does not move the version.
        assertThat(stores.apiKeys().revoke(TENANT, issued.key().id(), clock.instant())).isFalse();
        assertThat(stores.apiKeys().accessVersion()).isEqualTo(before + 1);
    }

    @Test
    void anotherTenantCannotRevokeFindOrListAKey() {
        var issued = keys().issue(TENANT, "mine", Set.of(Scope.ADMIN));

        assertThat(stores.apiKeys().revoke(OTHER_TENANT, issued.key().id(), clock.instant())).isFalse();
        assertThat(stores.apiKeys().find(OTHER_TENANT, issued.key().id())).isEmpty();
        assertThat(stores.apiKeys().list(OTHER_TENANT, 100)).isEmpty();
        assertThat(keys().authenticate(issued.secret())).isInstanceOf(Authentication.Accepted.class);
    }

    @Test
    void anExpiredKeyIsRefused() {
        ApiKeys keys = keys();
        var issued = keys.issue(TENANT, "temp", Set.of(Scope.READ), clock.instant().plus(Duration.ofHours(1)));
        assertThat(keys.authenticate(issued.secret())).isInstanceOf(Authentication.Accepted.class);

        clock.advance(Duration.ofHours(1));

        assertThat(keys.authenticate(issued.secret())).isEqualTo(new Authentication.Refused("expired API key"));
        assertThat(stores.apiKeys().find(TENANT, issued.key().id())).get().extracting(ApiKey::expiresAt)
                .isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void keysAreListedOldestFirstWithWhenTheyWereLastUsed() {
        ApiKeys keys = keys();
        var first = keys.issue(TENANT, "first", Set.of(Scope.SEND));
        clock.advance(Duration.ofSeconds(1));
        var second = keys.issue(TENANT, "second", Set.of(Scope.READ));

        stores.apiKeys().recordUse(Map.of(first.key().id(), T0.plusSeconds(30)));
        // An older time from a slower node does not move it back.
        stores.apiKeys().recordUse(Map.of(first.key().id(), T0.plusSeconds(10)));

        assertThat(stores.apiKeys().list(TENANT, 100)).extracting(k -> k.key().name(), ListedKey::lastUsedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", T0.plusSeconds(30)),
                        org.assertj.core.groups.Tuple.tuple("second", null));
        assertThat(stores.apiKeys().list(TENANT, 1)).hasSize(1);
        assertThat(second.key().origin()).isEqualTo(KeyOrigin.ISSUED);
    }

    @Test
    void aChangedConfiguredKeyRevokesThePreviousOneOnly() {
        ApiKeys keys = keys();
        ApiKey previous = keys.describe("hk_previous-configured-key-0123456789", TENANT, "configured admin",
                Set.of(Scope.ADMIN), KeyOrigin.CONFIGURED, null);
        stores.apiKeys().save(previous);
        var issued = keys.issue(TENANT, "issued admin", Set.of(Scope.ADMIN));
        ApiKey current = keys.describe("hk_current-configured-key-0123456789", TENANT, "configured admin",
                Set.of(Scope.ADMIN), KeyOrigin.CONFIGURED, null);
        stores.apiKeys().save(current);

        assertThat(stores.apiKeys().revokeConfiguredExcept(TENANT, current.keyHash(), clock.instant())).isEqualTo(1);
        assertThat(stores.apiKeys().revokeConfiguredExcept(TENANT, current.keyHash(), clock.instant())).isZero();

        assertThat(keys.authenticate("hk_previous-configured-key-0123456789"))
                .isInstanceOf(Authentication.Refused.class);
        assertThat(keys.authenticate("hk_current-configured-key-0123456789"))
                .isInstanceOf(Authentication.Accepted.class);
        assertThat(keys.authenticate(issued.secret())).isInstanceOf(Authentication.Accepted.class);
    }

    @Test
    void theFirstAdminKeyIsSavedOnlyWhileThereIsNone() {
        ApiKeys keys = keys();
        var first = keys.prepare(OTHER_TENANT, "admin", Set.of(Scope.ADMIN), KeyOrigin.GENERATED, null);
        var second = keys.prepare(OTHER_TENANT, "admin", Set.of(Scope.ADMIN), KeyOrigin.GENERATED, null);

        assertThat(stores.apiKeys().saveIfNoAdminKey(first.key())).isTrue();
        assertThat(stores.apiKeys().saveIfNoAdminKey(second.key())).isFalse();

        assertThat(keys.authenticate(second.secret())).isInstanceOf(Authentication.Refused.class);
        stores.apiKeys().revoke(OTHER_TENANT, first.key().id(), clock.instant());
        assertThat(stores.apiKeys().saveIfNoAdminKey(second.key())).isTrue();
    }

    @Test
    void aSuspendedTenantsKeyIsKnownButSuspended() {
        ApiKeys keys = keys();
        var issued = keys.issue(OTHER_TENANT, "b", Set.of(Scope.SEND));

        stores.tenants().update(OTHER_TENANT, java.util.Optional.empty(), java.util.Optional.of(true));

        assertThat(keys.authenticate(issued.secret())).isInstanceOf(Authentication.Suspended.class);
    }
}
