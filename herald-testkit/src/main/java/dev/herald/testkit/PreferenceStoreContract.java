package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.preferences.Preferences;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class PreferenceStoreContract extends StoreContract {

    @Test
    void preferencesRoundTripAreReplacedAndAreTenantScoped() {
        Preferences ann = new Preferences("ann", Set.of(Channel.SMS, Channel.KAKAO),
                Map.of("order.shipped", Set.of(Channel.PUSH), "weekly.news", Set.of()),
                LocalTime.of(22, 0), LocalTime.of(7, 0), "Asia/Seoul", clock.instant());
        stores.preferences().put(TENANT, ann);

        assertThat(stores.preferences().find(TENANT, "ann")).contains(ann);
        Preferences quiet = new Preferences("ann", Set.of(), Map.of(), null, null, null, clock.instant());
        stores.preferences().put(TENANT, quiet);
        assertThat(stores.preferences().find(TENANT, "ann")).contains(quiet);
        assertThat(stores.preferences().findAll(TENANT, List.of("ann", "bob"))).containsOnlyKeys("ann");
        assertThat(stores.preferences().find(OTHER_TENANT, "ann")).isEmpty();
    }
}
