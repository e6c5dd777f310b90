package dev.herald.core.routing;

import dev.herald.core.model.Channel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FixedAddressesByTypeTest {
    private final FixedAddresses slack = new FixedAddressesByType(Channel.SLACK,
            Map.of("payment.failed", "https://hooks.slack.com/services/T/B/ops"));

    @Test
    void aConfiguredTypeGoesToItsPlaceOnThatChannelOnly() {
        assertThat(slack.fixedAddress("payment.failed", Channel.SLACK))
                .contains("https://hooks.slack.com/services/T/B/ops");
        assertThat(slack.fixedAddress("payment.failed", Channel.EMAIL)).isEmpty();
        assertThat(slack.fixedAddress("order.shipped", Channel.SLACK)).isEmpty();
    }
}
