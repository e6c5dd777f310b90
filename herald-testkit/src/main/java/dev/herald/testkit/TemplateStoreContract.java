package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.templates.TemplateKey;
import dev.herald.core.templates.TemplateVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.templates.TemplateStore} must do. */
public abstract class TemplateStoreContract extends StoreContract {
    private static final TemplateKey WELCOME_EMAIL = new TemplateKey("welcome", Channel.EMAIL, "en");

    @Test
    void aNewVersionRoundTripsEveryFieldAndBecomesTheActiveOne() {
        TemplateVersion first = stores.templates().createVersion(TENANT, WELCOME_EMAIL, "Hi {{name}}",
                "Welcome, {{name}}.", "<p>Welcome, {{name}}.</p>", clock.instant());

        assertThat(first).isEqualTo(new TemplateVersion(WELCOME_EMAIL, 1, "Hi {{name}}", "Welcome, {{name}}.",
                "<p>Welcome, {{name}}.</p>", true, T0));
        assertThat(stores.templates().active(TENANT, WELCOME_EMAIL)).contains(first);
        assertThat(stores.templates().versions(TENANT, WELCOME_EMAIL)).containsExactly(first);
    }

    @Test
    void writingAgainAddsTheNextVersionAndOnlyTheNewestIsActive() {
        stores.templates().createVersion(TENANT, WELCOME_EMAIL, "v1", "one", null, clock.instant());
        clock.advance(Duration.ofMinutes(1));

        TemplateVersion second = stores.templates().createVersion(TENANT, WELCOME_EMAIL, "v2", "two", null,
                clock.instant());

        assertThat(second.version()).isEqualTo(2);
        assertThat(stores.templates().active(TENANT, WELCOME_EMAIL)).contains(second);
        assertThat(stores.templates().versions(TENANT, WELCOME_EMAIL))
                .extracting(TemplateVersion::version, TemplateVersion::active, TemplateVersion::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, true, "v2"),
                        org.assertj.core.groups.Tuple.tuple(1, false, "v1"));
    }

    @Test
    void aRollbackActivatesAnEarlierVersionAndAnUnknownVersionChangesNothing() {
        stores.templates().createVersion(TENANT, WELCOME_EMAIL, "v1", "one", null, clock.instant());
        stores.templates().createVersion(TENANT, WELCOME_EMAIL, "v2", "two", null, clock.instant());

        assertThat(stores.templates().activate(TENANT, WELCOME_EMAIL, 1)).isTrue();
        assertThat(stores.templates().active(TENANT, WELCOME_EMAIL).orElseThrow().subject()).isEqualTo("v1");

        assertThat(stores.templates().activate(TENANT, WELCOME_EMAIL, 7)).isFalse();
        assertThat(stores.templates().active(TENANT, WELCOME_EMAIL).orElseThrow().version()).isEqualTo(1);

        // A write after a rollback still takes the number after the highest, not after the active one.
        assertThat(stores.templates().createVersion(TENANT, WELCOME_EMAIL, "v3", "three", null, clock.instant())
                .version()).isEqualTo(3);
    }

    @Test
    void templatesAreKeptPerTenantChannelAndLocale() {
        stores.templates().createVersion(TENANT, WELCOME_EMAIL, "en", "english", null, clock.instant());

        assertThat(stores.templates().active(OTHER_TENANT, WELCOME_EMAIL)).isEmpty();
        assertThat(stores.templates().versions(OTHER_TENANT, WELCOME_EMAIL)).isEmpty();
        assertThat(stores.templates().activate(OTHER_TENANT, WELCOME_EMAIL, 1)).isFalse();
        assertThat(stores.templates().active(TENANT, new TemplateKey("welcome", Channel.SMS, "en"))).isEmpty();
        assertThat(stores.templates().active(TENANT, new TemplateKey("welcome", Channel.EMAIL, "de"))).isEmpty();
        assertThat(stores.templates().createVersion(OTHER_TENANT, WELCOME_EMAIL, "other", "x", null,
                clock.instant()).version()).isEqualTo(1);
        assertThat(stores.templates().active(TENANT, WELCOME_EMAIL).orElseThrow().subject()).isEqualTo("en");
    }
}
