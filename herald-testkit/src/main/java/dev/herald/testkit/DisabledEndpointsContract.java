package dev.herald.testkit;

import dev.herald.core.channel.DisabledEndpoints;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link DisabledEndpoints} must do. Endpoints are the operator's: kept by URL, not per tenant. */
public abstract class DisabledEndpointsContract extends StoreContract {
    // Longer than any index allows, as webhook URLs with tokens can be.
    private static final String URL = "https://hooks.example.com/herald?key=" + "k".repeat(1500);
    private static final String OTHER_URL = "https://hooks.example.com/other";

    @Test
    void aDisabledEndpointKeepsItsFirstReasonUntilEnabled() {
        assertThat(stores.disabledEndpoints().find(URL)).isEmpty();

        stores.disabledEndpoints().disable(URL, "HTTP 410 Gone", T0);
        stores.disabledEndpoints().disable(URL, "HTTP 410 Gone again", T0.plusSeconds(60));

        assertThat(stores.disabledEndpoints().find(URL)).contains(new DisabledEndpoints.Disabled("HTTP 410 Gone", T0));
        assertThat(stores.disabledEndpoints().find(OTHER_URL)).isEmpty();

        assertThat(stores.disabledEndpoints().enable(URL)).isTrue();
        assertThat(stores.disabledEndpoints().find(URL)).isEmpty();
        assertThat(stores.disabledEndpoints().enable(URL)).isFalse();
    }

    @Test
    void operatorsSeeTheMostRecentlyDisabledFirstUpToTheLimit() {
        stores.disabledEndpoints().disable(URL, "HTTP 410 Gone", T0);
        stores.disabledEndpoints().disable(OTHER_URL, "HTTP 410 Gone", T0.plus(Duration.ofHours(1)));

        assertThat(stores.disabledEndpoints().list(10)).containsExactly(
                new DisabledEndpoints.Listed(OTHER_URL, "HTTP 410 Gone", T0.plus(Duration.ofHours(1))),
                new DisabledEndpoints.Listed(URL, "HTTP 410 Gone", T0));
        assertThat(stores.disabledEndpoints().list(1)).extracting(DisabledEndpoints.Listed::url)
                .containsExactly(OTHER_URL);

        stores.disabledEndpoints().enable(OTHER_URL);
        assertThat(stores.disabledEndpoints().list(10)).extracting(DisabledEndpoints.Listed::url)
                .containsExactly(URL);
    }

    @Test
    void theReceiversAnswerIsStoredCutToItsColumnAndWithoutControlCharacters() {
        stores.disabledEndpoints().disable(URL, "HTTP 410 Gone\u0000" + "x".repeat(5000), T0);

        assertThat(stores.disabledEndpoints().find(URL).orElseThrow().reason())
                .startsWith("HTTP 410 Gone").doesNotContain("\u0000").hasSizeLessThanOrEqualTo(1000);
    }
}
