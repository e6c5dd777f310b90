package dev.herald.server;

import com.sun.net.httpserver.HttpServer;
import dev.herald.core.dispatch.Dispatchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import java.util.Base64;

/**
 * The fault run: a webhook receiver that fails 30% of calls at random (503s, and answers that never come within
 * the timeout), the dispatcher stopped and started again in the middle. Afterwards every notification is final,
 * the receiver accepted no delivery twice (it counts by the {@code webhook-id} idempotency key), and the dead-letter
 * queue holds exactly the deliveries that used up their attempts; with the receiver healthy again, retry-all
 * empties the queue and each of those arrives exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FaultRunTest {
    private static final int NOTIFICATIONS = 400;
    private static final FlakyReceiver receiver = FlakyReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/fault-run-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.providers.webhook[0].url", () -> "http://127.0.0.1:" + receiver.port() + "/hook");
        r.add("herald.providers.webhook[0].secret", () -> "whsec_" + Base64.getEncoder()
                .encodeToString("fault-run-secret-of-32-bytes!!!!".getBytes()));
        r.add("herald.providers.webhook[0].http.request-timeout", () -> "300ms");
        // The breaker would turn some failures into skips; this run is about retries, so keep it closed (a 30%
        // failure rate never reaches 100% of a 100-call window).
        r.add("herald.providers.webhook[0].guards.window", () -> "100");
        r.add("herald.providers.webhook[0].guards.failure-rate-percent", () -> "100");
        r.add("herald.retry.channels.webhook.max-attempts", () -> "3");
        r.add("herald.retry.channels.webhook.initial-backoff", () -> "50ms");
        r.add("herald.retry.channels.webhook.max-backoff", () -> "200ms");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Dispatchers dispatchers;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everythingEndsFinalNothingArrivesTwiceAndTheDeadLettersAreExactlyTheExhausted() throws Exception {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        herald.put("/api/v1/users/fault", "{\"email\":\"fault@example.com\"}");
        for (int i = 0; i < NOTIFICATIONS; i++) {
            assertThat(herald.post("/api/v1/notifications", """
                    {"type":"fault.run","recipients":["fault"],"channels":["WEBHOOK"],"content":{"body":"event %d"}}"""
                    .formatted(i)).status()).isEqualTo(202);
        }

        // Stop the dispatchers mid-run (in-flight sends finish or go back to the queue), then start them again.
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.accepted.size() >= NOTIFICATIONS / 3);
        dispatchers.stop(Duration.ofSeconds(5));
        Thread.sleep(300);
        dispatchers.start();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("status NOT IN ('SENT', 'DEAD')") == 0);
        Set<String> sent = ids("status = 'SENT'");
        Set<String> dead = ids("status = 'DEAD'");
        assertThat(sent.size() + dead.size()).isEqualTo(NOTIFICATIONS);
        assertThat(receiver.failures.get()).as("the receiver did fail").isPositive();
        // 0.3^3 of 400: about eleven expected; none at all would have a chance of about 1 in 60,000.
        assertThat(dead).as("some deliveries used up their attempts").isNotEmpty();
        // At most once per delivery, and exactly the SENT ones got through.
        assertThat(receiver.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(receiver.accepted.keySet()).isEqualTo(sent);
        // The dead-letter queue is exactly the deliveries that used up their three attempts.
        Set<String> letters = new HashSet<>(herald.get("/api/v1/admin/dlq?limit=200&type=fault.run").body()
                .get("items").findValuesAsString("deliveryId"));
        assertThat(letters).isEqualTo(dead);
        assertThat(jdbc.queryForList("SELECT attempts FROM delivery WHERE type = 'fault.run' AND status = 'DEAD'",
                Integer.class)).allSatisfy(a -> assertThat(a).isEqualTo(3));

        receiver.healthy.set(true);
        assertThat(herald.post("/api/v1/admin/dlq/retry-all?type=fault.run", "").body().get("replayed").asInt())
                .isEqualTo(dead.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("status <> 'SENT'") == 0);
        assertThat(herald.get("/api/v1/admin/dlq?type=fault.run").body().get("items")).isEmpty();
        assertThat(receiver.accepted.keySet()).hasSize(NOTIFICATIONS);
        assertThat(receiver.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    private long count(String condition) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE type = 'fault.run' AND " + condition,
                Long.class);
    }

    private Set<String> ids(String condition) {
        List<String> ids = jdbc.queryForList("SELECT CAST(id AS VARCHAR(36)) FROM delivery WHERE type = 'fault.run'"
                + " AND " + condition, String.class);
        return new HashSet<>(ids);
    }

    /**
     * A webhook receiver that, until told it is healthy, answers 15% of calls with 503 and lets another 15% hang past
     * the client's timeout without accepting them. Accepted calls are counted by their {@code webhook-id}.
     */
    private static final class FlakyReceiver {
        final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicBoolean healthy = new AtomicBoolean();
        private final Random random = new Random(20261121);
        private final HttpServer server;

        private FlakyReceiver(HttpServer server) {
            this.server = server;
        }

        static FlakyReceiver start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
                FlakyReceiver receiver = new FlakyReceiver(server);
                server.createContext("/hook", exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        double roll;
                        synchronized (receiver.random) {
                            roll = receiver.random.nextDouble();
                        }
                        if (!receiver.healthy.get() && roll < 0.15) {
                            receiver.failures.incrementAndGet();
                            exchange.sendResponseHeaders(503, -1);
                            return;
                        }
                        if (!receiver.healthy.get() && roll < 0.30) {
                            receiver.failures.incrementAndGet();
                            sleep(1_000);
                            exchange.sendResponseHeaders(504, -1);
                            return;
                        }
                        String id = exchange.getRequestHeaders().getFirst("webhook-id");
                        receiver.accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        exchange.sendResponseHeaders(204, -1);
                    }
                });
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.start();
                return receiver;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }
}
