package dev.herald.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two SMS gateways with different prices: the first refuses some numbers for now (503), which fail over to the
 * second. The bill and the dashboard price each sent message at the provider that carried it, credit each
 * suppressed duplicate at the channel's price, agree with the delivery table, and say the same after a rebuild.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProviderCostTest {
    private static final String TYPE = "cost.mix";
    private static final WireMockServer gateways = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        gateways.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        String base = "http://127.0.0.1:" + gateways.port();
        r.add("herald.data-dir", () -> "target/test-data/provider-cost-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.dedup.window", () -> "10m");
        r.add("herald.providers.http-sms[0].name", () -> "gw-a");
        r.add("herald.providers.http-sms[0].url", () -> base + "/a");
        // The refusals must fail over one by one, not open gw-a's breaker for the numbers it takes.
        r.add("herald.providers.http-sms[0].guards.window", () -> "100");
        r.add("herald.providers.http-sms[0].guards.minimum-calls", () -> "100");
        r.add("herald.providers.http-sms[1].name", () -> "gw-b");
        r.add("herald.providers.http-sms[1].url", () -> base + "/b");
        r.add("herald.channels.sms.providers[0]", () -> "gw-a");
        r.add("herald.channels.sms.providers[1]", () -> "gw-b");
        r.add("herald.billing.prices.SMS", () -> "8.4");
        r.add("herald.billing.prices.EMAIL", () -> "0.5");
        r.add("herald.billing.provider-prices.gw-a", () -> "7.9");
        r.add("herald.billing.provider-prices.gw-b", () -> "9.5");
    }

    @AfterAll
    static void stop() {
        gateways.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HeraldClient herald;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        gateways.resetAll();
        gateways.stubFor(post(urlEqualTo("/a")).willReturn(okJson("{\"messageId\":\"a-1\"}")));
        gateways.stubFor(post(urlEqualTo("/a")).withRequestBody(containing("+821077779"))
                .willReturn(aResponse().withStatus(503).withBody("busy")));
        gateways.stubFor(post(urlEqualTo("/b")).willReturn(okJson("{\"messageId\":\"b-1\"}")));
    }

    private void send(String recipient, String channel, String body) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[%s],"channels":["%s"],"content":{"title":"Hi","body":"%s"}}"""
                .formatted(TYPE, recipient, channel, body));
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    }

    private Map<String, Long> sentByProviderInTable() {
        Map<String, Long> sent = new TreeMap<>();
        jdbc.queryForList("SELECT channel, provider, COUNT(*) AS n FROM delivery WHERE type = ? AND status = 'SENT'"
                + " GROUP BY channel, provider", TYPE).forEach(r -> sent.put(r.get("channel") + ":" + r.get("provider"),
                ((Number) r.get("n")).longValue()));
        return sent;
    }

    private static JsonNode channel(JsonNode rows, String channel) {
        for (JsonNode row : rows) {
            if (row.get("channel").asString().equals(channel)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + channel + " in " + rows);
    }

    @Test
    void eachSentMessageCostsItsProvidersPriceAndADuplicateSavesTheChannelsPrice() {
        for (String phone : new String[]{"+821077770001", "+821077770002", "+821077770003", "+821077779001",
                "+821077779002"}) {
            send("{\"phone\":\"" + phone + "\"}", "SMS", "Order for " + phone);
        }
        send("{\"email\":\"ann@example.com\"}", "EMAIL", "Order mail 1");
        send("{\"email\":\"bob@example.com\"}", "EMAIL", "Order mail 2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sentByProviderInTable().values()
                .stream().mapToLong(Long::longValue).sum()).isEqualTo(7));
        // The same text to the same phone again: suppressed before any provider is asked.
        send("{\"phone\":\"+821077770001\"}", "SMS", "Order for +821077770001");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE type = ? AND status = 'SUPPRESSED'", Long.class, TYPE))
                .isEqualTo(1));
        Map<String, Long> table = sentByProviderInTable();
        assertThat(table).containsEntry("SMS:gw-a", 3L).containsEntry("SMS:gw-b", 2L);
        String emailProvider = table.keySet().stream().filter(k -> k.startsWith("EMAIL:")).findFirst().orElseThrow()
                .substring("EMAIL:".length());

        JsonNode bill = herald.get("/api/v1/dashboard/billing").body();
        JsonNode sms = channel(bill.get("channels"), "SMS");
        // 3 × 7.9 through gw-a, 2 × 9.5 failed over to gw-b; the duplicate saved the channel's 8.4.
        assertThat(sms.get("sent").asLong()).isEqualTo(5);
        assertThat(sms.get("cost").decimalValue()).isEqualByComparingTo("42.7");
        assertThat(sms.get("suppressedByDedup").asLong()).isEqualTo(1);
        assertThat(sms.get("creditsSaved").decimalValue()).isEqualByComparingTo("8.4");
        for (JsonNode provider : sms.get("providers")) {
            String name = provider.get("provider").asString();
            assertThat(provider.get("sent").asLong()).as(name).isEqualTo(table.get("SMS:" + name));
            assertThat(provider.get("cost").decimalValue()).isEqualByComparingTo(
                    provider.get("price").decimalValue().multiply(BigDecimal.valueOf(table.get("SMS:" + name))));
        }
        assertThat(sms.get("providers").findValuesAsString("provider")).containsExactlyInAnyOrder("gw-a", "gw-b");
        // No price of its own: the e-mail provider's sends cost the channel's price.
        JsonNode email = channel(bill.get("channels"), "EMAIL");
        assertThat(email.get("providers").get(0).get("provider").asString()).isEqualTo(emailProvider);
        assertThat(email.get("cost").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(bill.get("cost").decimalValue()).isEqualByComparingTo("43.7");
        assertThat(bill.get("creditsSaved").decimalValue()).isEqualByComparingTo("8.4");

        JsonNode channels = herald.get("/api/v1/dashboard/delivery/channels").body().get("channels");
        assertThat(channel(channels, "SMS").get("cost").decimalValue()).isEqualByComparingTo("42.7");
        assertThat(channel(channels, "SMS").get("traffic").get("sent").asLong()).isEqualTo(5);
        assertThat(channel(channels, "EMAIL").get("cost").decimalValue()).isEqualByComparingTo("1.0");

        assertThat(herald.post("/api/v1/admin/stats/rebuild", "").status()).isEqualTo(200);
        assertThat(herald.get("/api/v1/dashboard/billing").body()).isEqualTo(bill);
        assertThat(herald.get("/api/v1/dashboard/delivery/channels").body().get("channels")).isEqualTo(channels);
    }
}
