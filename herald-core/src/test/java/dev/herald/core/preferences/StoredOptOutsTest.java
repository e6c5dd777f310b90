package dev.herald.core.preferences;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StoredOptOutsTest {
    private static final TenantId TENANT = TenantId.defaultTenant();

    private final OptOuts optOuts = new StoredOptOuts(new OneUser(new Preferences("ada", Set.of(Channel.SMS),
            Map.of("promo.weekly", Set.of(Channel.IN_APP)), null, null, null, null)));

    @Test
    void aUserWhoOptedOutOfAChannelHasOptedOutOfItAndNoOther() {
        assertThat(optOuts.optedOut(TENANT, "ada", "order.shipped", Channel.SMS, true)).isTrue();
        assertThat(optOuts.optedOut(TENANT, "ada", "order.shipped", Channel.SMS, false)).isTrue();
        assertThat(optOuts.optedOut(TENANT, "ada", "order.shipped", Channel.EMAIL, true)).isFalse();
    }

    @Test
    void aTypeDeclinedByAChannelIsOptedOutOfUnlessTypeChoicesDoNotApply() {
        assertThat(optOuts.optedOut(TENANT, "ada", "promo.weekly", Channel.EMAIL, true)).isTrue();
        assertThat(optOuts.optedOut(TENANT, "ada", "promo.weekly", Channel.IN_APP, true)).isFalse();
        assertThat(optOuts.optedOut(TENANT, "ada", "promo.weekly", Channel.EMAIL, false))
                .as("a critical notification asks only the channels opted out of altogether").isFalse();
    }

    @Test
    void aUserWithNoPreferencesHasOptedOutOfNothing() {
        assertThat(optOuts.optedOut(TENANT, "bob", "promo.weekly", Channel.SMS, true)).isFalse();
    }

    private record OneUser(Preferences preferences) implements PreferenceStore {
        @Override
        public void put(TenantId tenant, Preferences p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Preferences> find(TenantId tenant, String userId) {
            return Optional.of(preferences).filter(p -> p.userId().equals(userId));
        }

        @Override
        public Map<String, Preferences> findAll(TenantId tenant, Collection<String> userIds) {
            throw new UnsupportedOperationException();
        }
    }
}
