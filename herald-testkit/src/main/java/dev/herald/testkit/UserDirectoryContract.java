package dev.herald.testkit;

import dev.herald.core.inbox.InboxMessage;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.preferences.Preferences;
import dev.herald.core.recipients.Device;
import dev.herald.core.recipients.PushAddress.PushPlatform;
import dev.herald.core.recipients.User;
import dev.herald.core.tenancy.UserTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
    void deleteTakesTheUsersDevicesPreferencesAndInboxAndRetiresTheirTokens() {
        stores.users().put(TENANT, ann("ann@example.com"));
        stores.users().put(TENANT, new User("bob", "bob@example.com", null, null, null, clock.instant()));
        stores.users().put(OTHER_TENANT, ann("ann@other.example.com"));
        for (TenantId tenant : List.of(TENANT, OTHER_TENANT)) {
            stores.devices().register(tenant, new Device("ann", PushPlatform.FCM, "ann-phone", clock.instant()));
            stores.preferences().put(tenant, new Preferences("ann", Set.of(Channel.SMS), Map.of(), null, null, null,
                    clock.instant()));
            stores.inbox().add(tenant, inboxMessage("ann"));
        }
        stores.devices().register(TENANT, new Device("bob", PushPlatform.FCM, "bob-phone", clock.instant()));
        stores.inbox().add(TENANT, inboxMessage("bob"));
        UserTokens tokens = new UserTokens(stores.secrets(), stores.tokenGenerations(), clock);
        String before = tokens.issue(TENANT, "ann", Duration.ofHours(1));
        String othersAnn = tokens.issue(OTHER_TENANT, "ann", Duration.ofHours(1));

        assertThat(stores.users().delete(TENANT, "ann")).isTrue();

        assertThat(stores.devices().devicesOf(TENANT, "ann")).isEmpty();
        assertThat(stores.preferences().find(TENANT, "ann")).isEmpty();
        assertThat(stores.inbox().unreadCount(TENANT, "ann")).isZero();
        assertThat(tokens.verify(before)).isEmpty();
        // Recreated with the same id: starts empty, and the old token still does not work; a new one does.
        stores.users().put(TENANT, ann("ann@example.com"));
        assertThat(tokens.verify(before)).isEmpty();
        assertThat(stores.devices().devicesOf(TENANT, "ann")).isEmpty();
        assertThat(tokens.verify(tokens.issue(TENANT, "ann", Duration.ofHours(1)))).isPresent();
        // Nobody else lost anything: bob, and the other tenant's ann.
        assertThat(stores.devices().devicesOf(TENANT, "bob")).hasSize(1);
        assertThat(stores.inbox().unreadCount(TENANT, "bob")).isEqualTo(1);
        assertThat(stores.devices().devicesOf(OTHER_TENANT, "ann")).hasSize(1);
        assertThat(stores.preferences().find(OTHER_TENANT, "ann")).isPresent();
        assertThat(stores.inbox().unreadCount(OTHER_TENANT, "ann")).isEqualTo(1);
        assertThat(tokens.verify(othersAnn)).isPresent();
    }

    @Test
    void deletingAUserThatDoesNotExistChangesNothing() {
        UserTokens tokens = new UserTokens(stores.secrets(), stores.tokenGenerations(), clock);
        String token = tokens.issue(TENANT, "nobody", Duration.ofHours(1));

        assertThat(stores.users().delete(TENANT, "nobody")).isFalse();

        assertThat(stores.tokenGenerations().current(TENANT, "nobody")).isZero();
        assertThat(tokens.verify(token)).isPresent();
    }

    private InboxMessage inboxMessage(String user) {
        return new InboxMessage(ids.next(), user, UUID.randomUUID(), UUID.randomUUID(), "order.shipped", "hi",
                "body", clock.instant(), null, null);
    }

    @Test
    void deleteRemovesTheUser() {
        stores.users().put(TENANT, ann("ann@example.com"));

        assertThat(stores.users().delete(TENANT, "ann")).isTrue();
        assertThat(stores.users().find(TENANT, "ann")).isEmpty();
        assertThat(stores.users().delete(TENANT, "ann")).isFalse();
    }
}
