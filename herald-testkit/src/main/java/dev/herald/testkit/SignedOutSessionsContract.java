package dev.herald.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.tenancy.SignedOutSessions} must do. */
public abstract class SignedOutSessionsContract extends StoreContract {
    private static final String SESSION = "a".repeat(64);
    private static final String OTHER_SESSION = "b".repeat(64);

    @Test
    void aSignedOutSessionIsKnownAndAnotherIsNot() {
        assertThat(stores.signedOutSessions().isSignedOut(TENANT, SESSION)).isFalse();

        stores.signedOutSessions().signOut(TENANT, SESSION, T0.plus(Duration.ofHours(8)), T0);

        assertThat(stores.signedOutSessions().isSignedOut(TENANT, SESSION)).isTrue();
        assertThat(stores.signedOutSessions().isSignedOut(TENANT, OTHER_SESSION)).isFalse();
    }

    @Test
    void anotherTenantSeesNothing() {
        stores.signedOutSessions().signOut(TENANT, SESSION, T0.plus(Duration.ofHours(8)), T0);

        assertThat(stores.signedOutSessions().isSignedOut(OTHER_TENANT, SESSION)).isFalse();
    }

    @Test
    void signingOutMovesTheAccessVersionOnceSoEveryNodeAsksAgain() {
        long before = stores.apiKeys().accessVersion();

        stores.signedOutSessions().signOut(TENANT, SESSION, T0.plus(Duration.ofHours(8)), T0);
        assertThat(stores.apiKeys().accessVersion()).isEqualTo(before + 1);

        stores.signedOutSessions().signOut(TENANT, SESSION, T0.plus(Duration.ofHours(8)), T0.plusSeconds(5));
        assertThat(stores.signedOutSessions().isSignedOut(TENANT, SESSION)).isTrue();
        assertThat(stores.apiKeys().accessVersion()).as("signing out again changes nothing").isEqualTo(before + 1);
    }

    @Test
    void aSignOutIsForgottenAtTheNextSignOutAfterItsSessionExpired() {
        stores.signedOutSessions().signOut(TENANT, SESSION, T0.plus(Duration.ofHours(1)), T0);

        stores.signedOutSessions().signOut(OTHER_TENANT, OTHER_SESSION, T0.plus(Duration.ofHours(9)),
                T0.plus(Duration.ofMinutes(59)));
        assertThat(stores.signedOutSessions().isSignedOut(TENANT, SESSION)).as("not expired yet").isTrue();

        stores.signedOutSessions().signOut(OTHER_TENANT, "c".repeat(64), T0.plus(Duration.ofHours(9)),
                T0.plus(Duration.ofMinutes(61)));
        assertThat(stores.signedOutSessions().isSignedOut(TENANT, SESSION)).isFalse();
        assertThat(stores.signedOutSessions().isSignedOut(OTHER_TENANT, OTHER_SESSION)).isTrue();
    }
}
