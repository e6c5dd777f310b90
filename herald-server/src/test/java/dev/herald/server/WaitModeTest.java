package dev.herald.server;

import com.sun.net.httpserver.HttpServer;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Prefer: wait=N}: the answer is 200 with final outcomes once every delivery is final, and one API key may
 * have only so many callers waiting at once; the next is answered 202 at once. The Slack peer holds every post until
 * the test releases it, so waiters really are waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WaitModeTest {
    private static final int CAP = 2;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final AtomicInteger received = new AtomicInteger();
    private static final HttpServer slack;

    static {
        try {
            slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        slack.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slack.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slack.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/wait-" + UUID.randomUUID());
        r.add("herald.limits.max-waiters-per-key", () -> CAP);
        r.add("herald.dedup.window", () -> "0s");
        r.add("herald.providers.slack[0].name", () -> "slack");
        r.add("herald.providers.slack[0].allowed-hosts[0]", () -> "127.0.0.1");
        r.add("herald.providers.slack[0].allow-http", () -> "true");
        r.add("herald.providers.slack[0].allow-internal-addresses", () -> "true");
        // Long enough to hold the sends while the test checks the cap; within half the lease (start-up checks).
        r.add("herald.providers.slack[0].http.request-timeout", () -> "12s");
    }

    @AfterAll
    static void stopPeer() {
        release.countDown();
        slack.stop(0);
    }

    @LocalServerPort
    int port;

    private CompletableFuture<Answer> sendAndWait(HeraldClient herald, int n) {
        String hook = "http://127.0.0.1:" + slack.getAddress().getPort() + "/hook/" + n;
        return CompletableFuture.supplyAsync(() -> herald.post("/api/v1/notifications", """
                {"type":"deploy.done","recipients":[{"slack":"%s"}],"channels":["SLACK"],
                 "content":{"body":"Deploy %d finished"}}""".formatted(hook, n), "Prefer", "wait=30"));
    }

    @Test
    void waitersBeyondTheCapAreAnsweredAtOnceAndTheOthersGetFinalOutcomes() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        CompletableFuture<Answer> first = sendAndWait(herald, 1);
        CompletableFuture<Answer> second = sendAndWait(herald, 2);
        // Both sends are held by the peer, so both callers are waiting for them.
        await().atMost(Duration.ofSeconds(20)).until(() -> received.get() == CAP);

        CompletableFuture<Answer> third = sendAndWait(herald, 3);
        // Over the cap: answered while the peer still holds every send (a waiter would wait for the release).
        await().atMost(Duration.ofSeconds(20)).until(third::isDone);
        Answer overCap = third.join();
        assertThat(overCap.status()).isEqualTo(202);
        assertThat(overCap.header("Preference-Applied")).isNull();
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        release.countDown();
        for (Answer waited : new Answer[]{first.join(), second.join()}) {
            assertThat(waited.status()).isEqualTo(200);
            assertThat(waited.header("Preference-Applied")).isEqualTo("wait=30");
            assertThat(waited.body().get("status").asString()).isEqualTo("COMPLETED");
            assertThat(waited.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");
        }
    }
}
