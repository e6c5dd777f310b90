package dev.herald.server;

import dev.herald.testkit.peers.ScriptedSmtpPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay that misbehaves in the two ways real ones do: it stalls after the message data past the worker's lease,
 * and one mailbox keeps answering 450. Neither may cost a duplicate, nor hold up anybody else's mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SmtpTroubleTest {
    private static final ScriptedSmtpPeer relay = start();

    private static ScriptedSmtpPeer start() {
        try {
            return ScriptedSmtpPeer.accepting()
                    .answering("busy@example.com", "450 4.2.0 <busy@example.com>: Recipient address rejected: "
                            + "mailbox busy")
                    // Past the 4 s lease: without a send deadline another worker would claim and send it again.
                    .stallingOnceAfterDataTo("slow@example.com", Duration.ofSeconds(6));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/smtp-trouble-" + UUID.randomUUID());
        r.add("herald.worker.lease", () -> "4s");
        r.add("herald.providers.smtp[0].host", () -> "127.0.0.1");
        r.add("herald.providers.smtp[0].port", relay::port);
        // Reads alone would wait out the stall; the send deadline is what cuts it off.
        r.add("herald.providers.smtp[0].read-timeout", () -> "10s");
        r.add("herald.providers.smtp[0].send-timeout", () -> "1s");
        r.add("herald.retry.initial-backoff", () -> "200ms");
        r.add("herald.retry.jitter", () -> "0");
        r.add("herald.retry.max-attempts", () -> "6");
    }

    @AfterAll
    static void stopRelay() throws IOException {
        relay.close();
    }

    @LocalServerPort
    int port;

    private String email(HeraldClient herald, String to, String body) {
        return herald.post("/api/v1/notifications", """
                {"type":"welcome","recipients":[{"email":"%s"}],"channels":["EMAIL"],
                 "content":{"title":"Hi","body":"%s"}}""".formatted(to, body)).body().get("id").asString();
    }

    private static JsonNode delivery(HeraldClient herald, String id) {
        return herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
    }

    private static List<ScriptedSmtpPeer.Mail> slowMail() {
        return relay.received().stream().filter(mail -> mail.recipients().contains("slow@example.com")).toList();
    }

    @Test
    void aRelayStallingPastTheLeaseIsCutOffAndTheMailArrivesExactlyOnce() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);

        String id = email(herald, "slow@example.com", "Your order shipped");

        await().atMost(Duration.ofSeconds(20)).until(() -> delivery(herald, id).get("status").asString()
                .equals("SENT"));
        assertThat(delivery(herald, id).get("attempts").asInt()).isEqualTo(2);
        // The stalled copy ends when the relay wakes: acknowledged if the sender still waited (a duplicate),
        // dropped if the send deadline had cut the connection.
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.abandoned() + slowMail().size() >= 2);
        assertThat(slowMail()).hasSize(1);
        assertThat(relay.abandoned()).isEqualTo(1);
    }

    @Test
    void oneBusyMailboxNeitherHoldsUpOtherMailNorLeaksItsAddressIntoTheError() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            busy.add(email(herald, "busy@example.com", "Update " + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> busy.stream()
                .allMatch(id -> delivery(herald, id).hasNonNull("lastError")));

        String other = email(herald, "ann@example.com", "Welcome");

        // The breaker stayed closed: the other address goes out on its first attempt.
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery(herald, other).get("status").asString()
                .equals("SENT"));
        assertThat(delivery(herald, other).get("attempts").asInt()).isEqualTo(1);
        String lastError = delivery(herald, busy.getFirst()).get("lastError").asString();
        assertThat(lastError).isEqualTo("smtp: SMTP 450 4.2.0 Recipient address rejected: mailbox busy (RCPT)");
    }
}
