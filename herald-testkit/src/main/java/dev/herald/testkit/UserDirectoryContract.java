package dev.herald.testkit;

import dev.herald.core.recipients.User;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.recipients.UserDirectory} must do. */
public abstract class UserDirectoryContract extends StoreContract {

    private User ann(String email) {
        return new User("ann", email, "+821012345678", "https://hooks.slack.com/services/T1/B1/ann", "ko-KR",
                "Asia/Seoul", clock.instant());
    }

    @Test
    void putCreatesThenReplaces() {
        assertThat(stores.users().put(TENANT, ann("ann@example.com"))).isTrue();
        assertThat(stores.users().put(TENANT, ann("ann@new.example.com"))).isFalse();

        assertThat(stores.users().find(TENANT, "ann")).get()
                .extracting(User::email, User::phone, User::slack, User::locale, User::timeZone)
                .containsExactly("ann@new.example.com", "+821012345678", "https://hooks.slack.com/services/T1/B1/ann",
                        "ko-KR", "Asia/Seoul");
    }

    @Test
    void usersAreSeparatedByTenant() {
        stores.users().put(TENANT, ann("ann@example.com"));

        assertThat(stores.users().find(OTHER_TENANT, "ann")).isEmpty();
        assertThat(stores.users().findAll(OTHER_TENANT, List.of("ann"))).isEmpty();
        assertThat(stores.users().delete(OTHER_TENANT, "ann")).isFalse();
        assertThat(stores.users().find(TENANT, "ann")).isPresent();
    }

    @Test
    void findAllReturnsOnlyExistingUsers() {
        stores.users().put(TENANT, ann("ann@example.com"));
        stores.users().put(TENANT, new User("bob", "bob@example.com", null, null, null, clock.instant()));

        assertThat(stores.users().findAll(TENANT, List.of("ann", "bob", "nobody")).keySet())
                .containsExactlyInAnyOrder("ann", "bob");
    }

    @Test
    void deleteRemovesTheUser() {
        stores.users().put(TENANT, ann("ann@example.com"));

        assertThat(stores.users().delete(TENANT, "ann")).isTrue();
        assertThat(stores.users().find(TENANT, "ann")).isEmpty();
        assertThat(stores.users().delete(TENANT, "ann")).isFalse();
    }
}
