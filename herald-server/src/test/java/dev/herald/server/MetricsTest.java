package dev.herald.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Prometheus scrapes Herald's own series at /actuator/prometheus with an API key; the numbers follow the traffic. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MetricsTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/metrics-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.metrics.refresh", () -> "0s");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    HeraldClient herald;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
    }

    private HttpResponse<String> scrape(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the series with exactly these labels (in the order Prometheus prints them: sorted by name). */
    private Optional<Double> value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private String send(String type, String priority, String body) {
        return herald.post("/api/v1/notifications", """
                {"type":"%s","priority":"%s","recipients":[{"phone":"+821055550001"}],"channels":["SMS"],
                 "content":{"body":"%s"}}""".formatted(type, priority, body)).body().get("id").asString();
    }

    private void awaitSent(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> herald.get("/api/v1/notifications/" + id).body()
                .get("deliveries").get(0).get("status").asString().equals("SENT"));
    }

    @Test
    void theScrapeNeedsAnApiKeyAndHealthStaysOpen() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("hk_not-a-key").statusCode()).isEqualTo(401);
        assertThat(scrape(EmbeddedHeraldTest.ADMIN_KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aKnownMixShowsUpUnderTheDocumentedNames() throws Exception {
        awaitSent(send("metrics.receipt", "HIGH", "Receipt 1"));
        awaitSent(send("metrics.receipt", "HIGH", "Receipt 2"));
        awaitSent(send("metrics.alert", "CRITICAL", "Alert 1"));

        // Dispatchers stopped: what is accepted now waits in its lane.
        SmartLifecycle dispatch = context.getBean("dispatchLifecycle", SmartLifecycle.class);
        dispatch.stop();
        try {
            send("metrics.digest", "LOW", "Later 1");
            send("metrics.digest", "LOW", "Later 2");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String text = scrape(EmbeddedHeraldTest.ADMIN_KEY).body();
                assertThat(value(text, "herald_lane_depth{lane=\"LOW\"}")).contains(2.0);
            });
            String text = scrape(EmbeddedHeraldTest.ADMIN_KEY).body();
            assertThat(value(text, "herald_notifications_accepted_total{type=\"metrics.receipt\"}")).contains(2.0);
            assertThat(value(text, "herald_notifications_accepted_total{type=\"metrics.alert\"}")).contains(1.0);
            assertThat(value(text, "herald_notifications_accepted_total{type=\"metrics.digest\"}")).contains(2.0);
            assertThat(value(text, "herald_deliveries_total{channel=\"SMS\",status=\"SENT\"}")).contains(3.0);
            assertThat(value(text, "herald_accept_to_sent_seconds_count{channel=\"SMS\",lane=\"HIGH\"}"))
                    .contains(2.0);
            assertThat(value(text, "herald_accept_to_sent_seconds_count{channel=\"SMS\",lane=\"CRITICAL\"}"))
                    .contains(1.0);
            assertThat(text).contains("herald_accept_to_sent_seconds_bucket{channel=\"SMS\",lane=\"HIGH\",le=");
            assertThat(value(text, "herald_lane_depth{lane=\"CRITICAL\"}")).contains(0.0);
            assertThat(value(text, "herald_lane_oldest_due_seconds{lane=\"LOW\"}")).hasValueSatisfying(
                    age -> assertThat(age).isGreaterThanOrEqualTo(0.0));
            assertThat(value(text, "herald_dead_letters{channel=\"SMS\"}")).contains(0.0);
            assertThat(value(text, "herald_status_outbox_size")).hasValueSatisfying(
                    n -> assertThat(n).isGreaterThanOrEqualTo(0.0));
            assertThat(value(text, "herald_provider_breaker_state{channel=\"EMAIL\",provider=\"sandbox\"}"))
                    .contains(0.0);
            assertThat(value(text, "herald_provider_breaker_state{channel=\"SMS\",provider=\"sandbox\"}"))
                    .contains(0.0);
            assertThat(value(text, "herald_provider_calls_total{provider=\"sandbox\",result=\"sent\"}"))
                    .contains(3.0);
            assertThat(value(text, "herald_outcome_write_seconds_count")).hasValueSatisfying(
                    n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
            assertThat(value(text, "herald_carried_on_failures_total{step=\"dedup-check\"}")).contains(0.0);
            assertThat(value(text, "herald_workflow_steps_total{outcome=\"set-aside\"}")).hasValueSatisfying(
                    n -> assertThat(n).isGreaterThanOrEqualTo(0.0));
            // Nothing that names a person: no address, no user, no notification id.
            assertThat(text).doesNotContain("+821055550001").doesNotContain("Receipt");
        } finally {
            dispatch.start();
        }
    }
}
