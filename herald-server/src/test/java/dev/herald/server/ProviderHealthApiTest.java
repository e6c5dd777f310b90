package dev.herald.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook receiver that answers 503 (a real HTTP peer, WireMock): the dashboard's provider list shows the webhook
 * provider's failures, the head of its last error and, after enough failures, its breaker OPEN; every tenant's read
 * key sees the same installation-wide list.
 */
class ProviderHealthApiTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("a-webhook-secret-of-32-bytes-xx!".getBytes(StandardCharsets.US_ASCII));
    private static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());
    private static ConfigurableApplicationContext herald;
    private static HeraldClient client;

    @BeforeAll
    static void start() {
        receiver.start();
        // The body quotes the message, as some receivers do: none of it may reach the installation-wide list.
        receiver.stubFor(post(urlEqualTo("/hooks/down")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/plain").withBody("down while handling ann@example.com's order")));
        herald = SpringApplication.run(HeraldApplication.class, "--server.port=0",
                "--herald.data-dir=target/test-data/provider-health-" + UUID.randomUUID(),
                "--herald.admin-key=" + EmbeddedHeraldTest.ADMIN_KEY,
                "--herald.providers.webhook[0].name=hooks",
                "--herald.providers.webhook[0].url=http://127.0.0.1:" + receiver.port() + "/hooks/down",
                "--herald.providers.webhook[0].secret=" + SECRET,
                "--herald.providers.webhook[0].guards.window=4",
                "--herald.providers.webhook[0].guards.minimum-calls=3",
                "--herald.providers.webhook[0].guards.open-for=10m",
                "--herald.providers.webhook[0].guards.rate-per-second=50",
                "--herald.dedup.window=0s",
                "--logging.level.root=warn");
        client = new HeraldClient(Integer.parseInt(herald.getEnvironment().getProperty("local.server.port")),
                EmbeddedHeraldTest.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.stop();
    }

    private static JsonNode provider(HeraldClient as, String name) {
        Answer answer = as.get("/api/v1/dashboard/providers");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        for (JsonNode p : answer.body().get("providers")) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + name + " in " + answer.text());
    }

    @Test
    void aFailingProviderShowsItsFailuresLastErrorAndOpenBreaker() {
        JsonNode before = provider(client, "hooks");
        assertThat(before.get("breaker").asString()).isEqualTo("CLOSED");
        assertThat(before.get("openEndpoints").asInt()).isZero();
        assertThat(before.get("failures").asLong()).isZero();
        assertThat(before.hasNonNull("lastError")).isFalse();
        assertThat(before.get("kind").asString()).isEqualTo("webhook");
        assertThat(before.get("channels").get(0).asString()).isEqualTo("WEBHOOK");
        assertThat(before.get("rateLimit").get("perSecond").asDouble()).isEqualTo(50.0);
        assertThat(before.get("rateLimit").get("capacity").asLong()).isEqualTo(50);

        assertThat(client.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            Answer sent = client.post("/api/v1/notifications", """
                    {"type":"order.shipped","recipients":["ann"],"channels":["WEBHOOK"],"content":{"body":"n%d"}}"""
                    .formatted(i));
            assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode hooks = provider(client, "hooks");
            assertThat(hooks.get("breaker").asString()).as("%s", hooks).isEqualTo("OPEN");
            assertThat(hooks.get("failures").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(hooks.get("calls").get("failed").asLong()).isEqualTo(hooks.get("failures").asLong());
            // The receiver was really asked, as often as the list says it failed.
            assertThat((long) receiver.getAllServeEvents().size()).isEqualTo(hooks.get("failures").asLong());
        });
        JsonNode hooks = provider(client, "hooks");
        assertThat(hooks.get("openEndpoints").asInt()).isEqualTo(1);
        // The same as a gauge, for alerts: a per-URL breaker is open while the provider's own may not be.
        String scraped = client.get("/actuator/prometheus").text();
        assertThat(scraped).contains("herald_provider_endpoints_open{channel=\"WEBHOOK\",provider=\"hooks\"} 1.0");
        assertThat(scraped).contains("herald_provider_endpoints_open{channel=\"EMAIL\",provider=\"sandbox\"} 0.0");
        assertThat(hooks.get("calls").get("sent").asLong()).isZero();
        assertThat(hooks.get("lastError").get("reason").asString()).isEqualTo("HTTP 503");
        assertThat(hooks.get("lastError").get("at").asString()).isNotBlank();
        assertThat(hooks.toString()).doesNotContain("ann@example.com").doesNotContain("handling")
                .doesNotContain(String.valueOf(receiver.port()));

        // Another tenant's read key sees the same installation-wide list.
        TenantId other = new TenantId("providers-" + UUID.randomUUID().toString().substring(0, 8));
        herald.getBean(JdbcStores.class).apiKeys().ensureTenant(other, "Other");
        HeraldClient reader = client.withKey(herald.getBean(ApiKeys.class).issue(other, "reader", Set.of(Scope.READ))
                .secret());
        JsonNode seenByOther = provider(reader, "hooks");
        assertThat(seenByOther.get("breaker").asString()).isEqualTo("OPEN");
        assertThat(seenByOther.get("lastError")).isEqualTo(hooks.get("lastError"));
        assertThat(provider(reader, "sandbox").get("kind").asString()).isEqualTo("sandbox");
        assertThat(provider(reader, "inbox").get("channels").get(0).asString()).isEqualTo("IN_APP");

        String sendOnly = herald.getBean(ApiKeys.class).issue(other, "sender", Set.of(Scope.SEND)).secret();
        assertThat(client.withKey(sendOnly).get("/api/v1/dashboard/providers").status()).isEqualTo(403);
    }
}
