package dev.herald.testkit;

import dev.herald.core.channel.Integration;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.channel.IntegrationStore} must do. */
public abstract class IntegrationStoreContract extends StoreContract {

    private static Integration smtp(TenantId tenant, String name, int order, String keyId, Instant at) {
        return new Integration(tenant, name, "smtp", List.of(Channel.EMAIL), order, "{\"host\":\"mail.example.com\"}",
                "c2VhbGVk", keyId, 0, at);
    }

    @Test
    void aNewIntegrationIsVersionOneAndEveryWriteMovesTheVersionOn() {
        assertThat(stores.integrations().put(smtp(TENANT, "relay", 0, "k1", T0))).isTrue();
        Integration first = stores.integrations().find(TENANT, "relay").orElseThrow();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first).usingRecursiveComparison().ignoringFields("version")
                .isEqualTo(smtp(TENANT, "relay", 0, "k1", T0));

        Instant later = T0.plus(Duration.ofMinutes(5));
        Integration changed = new Integration(TENANT, "relay", "twilio", List.of(Channel.SMS, Channel.KAKAO), 3,
                "{}", null, null, 0, later);
        assertThat(stores.integrations().put(changed)).isFalse();

        Integration second = stores.integrations().find(TENANT, "relay").orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.kind()).isEqualTo("twilio");
        assertThat(second.channels()).containsExactly(Channel.SMS, Channel.KAKAO);
        assertThat(second.order()).isEqualTo(3);
        assertThat(second.secretsCiphertext()).isNull();
        assertThat(second.keyId()).isNull();
        assertThat(second.updatedAt()).isEqualTo(later);
    }

    @Test
    void aTenantListsItsIntegrationsByOrderThenName() {
        stores.integrations().put(smtp(TENANT, "b", 1, "k1", T0));
        stores.integrations().put(smtp(TENANT, "c", 0, "k1", T0));
        stores.integrations().put(smtp(TENANT, "a", 1, "k1", T0));

        assertThat(stores.integrations().list(TENANT)).extracting(Integration::name).containsExactly("c", "a", "b");
    }

    @Test
    void anotherTenantSeesNothingAndCannotDelete() {
        stores.integrations().put(smtp(TENANT, "relay", 0, "k1", T0));

        assertThat(stores.integrations().find(OTHER_TENANT, "relay")).isEmpty();
        assertThat(stores.integrations().list(OTHER_TENANT)).isEmpty();
        assertThat(stores.integrations().delete(OTHER_TENANT, "relay")).isFalse();
        assertThat(stores.integrations().find(TENANT, "relay")).isPresent();

        // The same name in the other tenant is its own row.
        assertThat(stores.integrations().put(smtp(OTHER_TENANT, "relay", 0, "k1", T0))).isTrue();
        assertThat(stores.integrations().delete(TENANT, "relay")).isTrue();
        assertThat(stores.integrations().find(TENANT, "relay")).isEmpty();
        assertThat(stores.integrations().find(OTHER_TENANT, "relay")).isPresent();
        assertThat(stores.integrations().delete(TENANT, "relay")).isFalse();
    }

    @Test
    void resealingFindsRowsUnderOldKeysAndLosesToAWriteInBetween() {
        assertThat(stores.integrations().anyStored()).isFalse();
        stores.integrations().put(smtp(TENANT, "old", 0, "k1", T0));
        stores.integrations().put(smtp(OTHER_TENANT, "old", 0, "k1", T0));
        stores.integrations().put(smtp(TENANT, "current", 0, "k2", T0));
        stores.integrations().put(new Integration(TENANT, "no-secrets", "smtp", List.of(Channel.EMAIL), 0, "{}",
                null, null, 0, T0));
        assertThat(stores.integrations().anyStored()).isTrue();

        List<Integration> old = stores.integrations().sealedWithOtherKey("k2", 10);
        assertThat(old).extracting(i -> i.tenant().value() + "/" + i.name())
                .containsExactlyInAnyOrder(TENANT.value() + "/old", OTHER_TENANT.value() + "/old");
        assertThat(stores.integrations().sealedWithOtherKey("k2", 1)).hasSize(1);

        Integration mine = stores.integrations().find(TENANT, "old").orElseThrow();
        assertThat(stores.integrations().reseal(mine.resealed("bmV3", "k2", T0.plusSeconds(1)), mine.version()))
                .isTrue();
        Integration resealed = stores.integrations().find(TENANT, "old").orElseThrow();
        assertThat(resealed.keyId()).isEqualTo("k2");
        assertThat(resealed.secretsCiphertext()).isEqualTo("bmV3");
        assertThat(resealed.version()).isEqualTo(mine.version());

        Integration theirs = stores.integrations().find(OTHER_TENANT, "old").orElseThrow();
        stores.integrations().put(smtp(OTHER_TENANT, "old", 0, "k2", T0.plusSeconds(2)));
        assertThat(stores.integrations().reseal(theirs.resealed("bmV3", "k2", T0.plusSeconds(3)), theirs.version()))
                .isFalse();
        assertThat(stores.integrations().sealedWithOtherKey("k2", 10)).isEmpty();
    }
}
