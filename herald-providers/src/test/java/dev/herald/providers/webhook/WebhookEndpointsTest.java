package dev.herald.providers.webhook;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.ProviderGuards;
import dev.herald.providers.http.HttpSettings;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Two receivers behind one webhook provider: one throttles and fails, the other's messages all go out at once. */
class WebhookEndpointsTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("endpoint-secret-of-24-bytes".getBytes(StandardCharsets.US_ASCII));
    private static final String INLINE_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("inline-secret-of-24-bytes!".getBytes(StandardCharsets.US_ASCII));
    private static final ProviderGuards GUARDS = new ProviderGuards(10, 3, 50f, Duration.ofSeconds(30), 1, 0,
            Duration.ZERO);

    @RegisterExtension
    static WireMockExtension troubled = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension healthy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T01:00:00Z"));

    private FailoverChain chain() {
        WebhookProvider webhook = new WebhookProvider(new WebhookSettings("webhook",
                "http://localhost:" + healthy.getPort() + "/configured", SECRET, INLINE_SECRET,
                new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5)), true, List.of("localhost"), true,
                true), new InMemoryDisabledEndpoints(), clock);
        return new FailoverChain(Channel.WEBHOOK, List.of(webhook), Map.of("webhook", GUARDS), clock,
                d -> clock.advance(d));
    }

    private static SendResult send(FailoverChain chain, String address) {
        return chain.send(TestOutbound.to(Channel.WEBHOOK, address, "Order shipped", "On its way", Map.of()));
    }

    @Test
    void aFailingReceiverOpensOnlyItsOwnBreaker() {
        troubled.stubFor(post("/down").willReturn(aResponse().withStatus(503)));
        healthy.stubFor(post("/up").willReturn(aResponse().withStatus(200)));
        healthy.stubFor(post("/configured").willReturn(aResponse().withStatus(200)));
        FailoverChain chain = chain();
        String down = "http://localhost:" + troubled.getPort() + "/down";

        for (int i = 0; i < 6; i++) {
            assertThat(send(chain, down)).isInstanceOf(SendResult.Retry.class);
        }

        // Its breaker opened: the troubled receiver is no longer asked ...
        assertThat(send(chain, down)).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("circuit open"));
        assertThat(troubled.findAll(postRequestedFor(urlEqualTo("/down")))).hasSizeLessThan(7);
        // ... while every message to another receiver, inline or the configured endpoint, goes out on its first try.
        for (int i = 0; i < 5; i++) {
            assertThat(send(chain, "http://localhost:" + healthy.getPort() + "/up")).isInstanceOf(SendResult.Sent.class);
            assertThat(send(chain, "user-" + i)).isInstanceOf(SendResult.Sent.class);
        }
        assertThat(healthy.findAll(postRequestedFor(urlEqualTo("/up")))).hasSize(5);
        assertThat(healthy.findAll(postRequestedFor(urlEqualTo("/configured")))).hasSize(5);
    }

    @Test
    void aReceiversRetryAfterHoldsBackOnlyMessagesToThatReceiver() {
        troubled.stubFor(post("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        healthy.stubFor(post("/up").willReturn(aResponse().withStatus(200)));
        FailoverChain chain = chain();
        String busy = "http://localhost:" + troubled.getPort() + "/busy";

        SendResult first = send(chain, busy);
        SendResult second = send(chain, busy);

        assertThat(first).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Optional.of(Duration.ofSeconds(60))));
        // Asked to wait: the next message to it waits too, without a call and without using up an attempt.
        assertThat(second).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
            assertThat(retry.attempted()).isFalse();
            assertThat(retry.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        });
        assertThat(troubled.findAll(postRequestedFor(urlEqualTo("/busy")))).hasSize(1);
        for (int i = 0; i < 5; i++) {
            assertThat(send(chain, "http://localhost:" + healthy.getPort() + "/up")).isInstanceOf(SendResult.Sent.class);
        }
    }
}
