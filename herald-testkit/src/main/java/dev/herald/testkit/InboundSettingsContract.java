package dev.herald.testkit;

import dev.herald.core.suppression.InboundProvider;
import dev.herald.core.suppression.InboundSetting;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.suppression.InboundSettings} must do. */
public abstract class InboundSettingsContract extends StoreContract {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-feedback";
    private static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-feedback-2";
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";

    @Test
    void savedSettingsAreFoundPerProviderInTheOrderGiven() {
        stores.inboundSettings().save(new InboundSetting(TENANT, InboundProvider.SES, List.of(TOPIC, OTHER_TOPIC), T0));
        stores.inboundSettings().save(new InboundSetting(TENANT, InboundProvider.SENDGRID, List.of(KEY), T0));

        assertThat(stores.inboundSettings().find(TENANT, InboundProvider.SES)).contains(
                new InboundSetting(TENANT, InboundProvider.SES, List.of(TOPIC, OTHER_TOPIC), T0));
        assertThat(stores.inboundSettings().find(TENANT, InboundProvider.SENDGRID)).contains(
                new InboundSetting(TENANT, InboundProvider.SENDGRID, List.of(KEY), T0));
    }

    @Test
    void aSecondSaveReplacesTheFirst() {
        stores.inboundSettings().save(new InboundSetting(TENANT, InboundProvider.SES, List.of(TOPIC, OTHER_TOPIC), T0));
        clock.advance(java.time.Duration.ofMinutes(5));
        stores.inboundSettings().save(new InboundSetting(TENANT, InboundProvider.SES, List.of(OTHER_TOPIC),
                clock.instant()));

        assertThat(stores.inboundSettings().find(TENANT, InboundProvider.SES)).contains(
                new InboundSetting(TENANT, InboundProvider.SES, List.of(OTHER_TOPIC), clock.instant()));
    }

    @Test
    void aDeletedSettingIsGoneAndDeletingAgainFindsNothing() {
        stores.inboundSettings().save(new InboundSetting(TENANT, InboundProvider.SES, List.of(TOPIC), T0));
        stores.inboundSettings().save(new InboundSetting(TENANT, InboundProvider.SENDGRID, List.of(KEY), T0));

        assertThat(stores.inboundSettings().delete(TENANT, InboundProvider.SES)).isTrue();
        assertThat(stores.inboundSettings().delete(TENANT, InboundProvider.SES)).isFalse();

        assertThat(stores.inboundSettings().find(TENANT, InboundProvider.SES)).isEmpty();
        assertThat(stores.inboundSettings().find(TENANT, InboundProvider.SENDGRID)).isPresent();
    }

    @Test
    void anotherTenantSeesNothingAndCannotDeleteIt() {
        stores.inboundSettings().save(new InboundSetting(TENANT, InboundProvider.SES, List.of(TOPIC), T0));

        assertThat(stores.inboundSettings().find(OTHER_TENANT, InboundProvider.SES)).isEmpty();
        assertThat(stores.inboundSettings().delete(OTHER_TENANT, InboundProvider.SES)).isFalse();
        assertThat(stores.inboundSettings().find(TENANT, InboundProvider.SES)).isPresent();
    }

    @Test
    void removingTheTenantRemovesItsSettings() {
        stores.inboundSettings().save(new InboundSetting(OTHER_TENANT, InboundProvider.SES, List.of(TOPIC), T0));

        stores.tenants().remove(OTHER_TENANT);

        assertThat(stores.inboundSettings().find(OTHER_TENANT, InboundProvider.SES)).isEmpty();
    }
}
