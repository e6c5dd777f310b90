package dev.herald.providers.smtp;

import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.testkit.TestOutbound;
import dev.herald.testkit.peers.ScriptedSmtpPeer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The provider keeps sessions to the relay open and reuses them, within bounds, without losing or doubling mail. */
class SmtpConnectionPoolTest {

    private static OutboundMessage mail(String to) {
        return TestOutbound.to(Channel.EMAIL, to, new Message("Order shipped", "Your order is on its way", null));
    }

    private static SmtpEmailProvider smtp(ScriptedSmtpPeer relay, SmtpSettings.Pool pool) {
        return new SmtpEmailProvider("smtp", new SmtpSettings("127.0.0.1", relay.port(), null, null,
                "herald@example.com", false, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                pool));
    }

    private static SmtpSettings.Pool pool(int maxConnections, Duration idleTimeout, Duration checkAfterIdle) {
        return new SmtpSettings.Pool(maxConnections, idleTimeout, checkAfterIdle, 1_000);
    }

    @Test
    void fiftyConcurrentSendsOverAPoolOfTwoUseAtMostTwoConnections() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider smtp = smtp(relay, pool(2, Duration.ofMinutes(1), Duration.ofMinutes(1)))) {
            List<Future<SendResult>> results = new ArrayList<>();
            try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 50; i++) {
                    String to = "user" + i + "@example.com";
                    results.add(senders.submit(() -> smtp.send(mail(to))));
                }
            }

            for (Future<SendResult> result : results) {
                assertThat(result.get()).isInstanceOf(SendResult.Sent.class);
            }
            assertThat(relay.received()).hasSize(50);
            assertThat(relay.connections()).isBetween(1, 2);
            assertThat(relay.mostOpenConnections()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void oneSenderAfterAnotherKeepsUsingOneConnection() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider smtp = smtp(relay, SmtpSettings.Pool.defaults())) {
            for (int i = 0; i < 10; i++) {
                assertThat(smtp.send(mail("user" + i + "@example.com"))).isInstanceOf(SendResult.Sent.class);
            }

            assertThat(relay.received()).hasSize(10);
            assertThat(relay.connections()).isEqualTo(1);
            assertThat(smtp.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aSessionTheRelayClosedWhileIdleIsReplacedAndTheMessageSentOnce() throws Exception {
        // No NOOP before reuse (check-after-idle is long): the dead session is found by the send itself, at MAIL FROM.
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider smtp = smtp(relay, pool(2, Duration.ofMinutes(1), Duration.ofMinutes(1)))) {
            assertThat(smtp.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);
            relay.hangUpOpenSessions("421 4.4.2 idle timeout, closing");
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.openConnections() == 0);

            SendResult second = smtp.send(mail("bob@example.com"));

            assertThat(second).isInstanceOf(SendResult.Sent.class);
            assertThat(relay.received()).extracting(ScriptedSmtpPeer.Mail::recipients)
                    .containsExactly(List.of("ann@example.com"), List.of("bob@example.com"));
            assertThat(relay.connections()).isEqualTo(2);
        }
    }

    @Test
    void aSessionClosedWithoutAWordIsReplacedToo() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider smtp = smtp(relay, pool(2, Duration.ofMinutes(1), Duration.ofMinutes(1)))) {
            assertThat(smtp.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);
            relay.hangUpOpenSessions(null);
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.openConnections() == 0);

            SendResult second = smtp.send(mail("bob@example.com"));

            assertThat(second).isInstanceOf(SendResult.Sent.class);
            assertThat(relay.received()).hasSize(2);
            assertThat(relay.dataCommands()).isEqualTo(2);
        }
    }

    @Test
    void aSessionFoundDeadByTheNoopIsReplaced() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider smtp = smtp(relay, pool(2, Duration.ofMinutes(1), Duration.ZERO))) {
            assertThat(smtp.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);
            relay.hangUpOpenSessions("421 4.4.2 idle timeout, closing");
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.openConnections() == 0);

            assertThat(smtp.send(mail("bob@example.com"))).isInstanceOf(SendResult.Sent.class);

            // The NOOP found it dead, so no MAIL FROM went over it: one DATA per message.
            assertThat(relay.received()).hasSize(2);
            assertThat(relay.dataCommands()).isEqualTo(2);
            assertThat(relay.connections()).isEqualTo(2);
        }
    }

    @Test
    void onlyASessionIdleLongerThanTheCheckIsAskedForANoopBeforeReuse() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider checked = smtp(relay, pool(1, Duration.ofMinutes(1), Duration.ZERO));
             SmtpEmailProvider trusted = smtp(relay, pool(1, Duration.ofMinutes(1), Duration.ofMinutes(1)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(trusted.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);
            }
            assertThat(relay.noops()).isZero();

            for (int i = 0; i < 3; i++) {
                assertThat(checked.send(mail("bob@example.com"))).isInstanceOf(SendResult.Sent.class);
            }
            assertThat(relay.noops()).as("one before each reuse").isEqualTo(2);
        }
    }

    @Test
    void aSessionLostAfterTheDataIsNotResentOnAnotherOne() throws Exception {
        // The relay read the whole message and hung up without answering: it may have kept it. A resend here could
        // deliver it twice, so the answer is a Retry for the dispatcher (at least once), not a second DATA now.
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting().hangingUpAfterDataTo("bob@example.com");
             SmtpEmailProvider smtp = smtp(relay, pool(2, Duration.ofMinutes(1), Duration.ofMinutes(1)))) {
            assertThat(smtp.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);

            SendResult lost = smtp.send(mail("bob@example.com"));

            assertThat(lost).isInstanceOf(SendResult.Retry.class);
            assertThat(relay.dataCommands()).isEqualTo(2);
            assertThat(relay.connections()).isEqualTo(1);
            // The broken session is not lent again: the next message opens a new one.
            assertThat(smtp.send(mail("carl@example.com"))).isInstanceOf(SendResult.Sent.class);
            assertThat(relay.connections()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedRecipientLeavesTheSessionUsable() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting().answering("gone@example.com", "550 5.1.1 no such user");
             SmtpEmailProvider smtp = smtp(relay, SmtpSettings.Pool.defaults())) {
            assertThat(smtp.send(mail("gone@example.com"))).isInstanceOf(SendResult.Rejected.class);
            assertThat(smtp.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);

            assertThat(relay.connections()).isEqualTo(1);
            assertThat(relay.received()).hasSize(1);
        }
    }

    @Test
    void idleSessionsAreClosedAfterTheIdleTimeout() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider smtp = smtp(relay, pool(2, Duration.ofMillis(300), Duration.ofMinutes(1)))) {
            assertThat(smtp.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);
            assertThat(relay.connections()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(10)).until(() -> relay.openConnections() == 0);
            assertThat(smtp.openConnections()).isZero();
        }
    }

    @Test
    void aSessionIsClosedAfterItsShareOfMessages() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting();
             SmtpEmailProvider smtp = smtp(relay, new SmtpSettings.Pool(2, Duration.ofMinutes(1),
                     Duration.ofMinutes(1), 3))) {
            for (int i = 0; i < 7; i++) {
                assertThat(smtp.send(mail("user" + i + "@example.com"))).isInstanceOf(SendResult.Sent.class);
            }

            assertThat(relay.connections()).isEqualTo(3);
            assertThat(relay.received()).hasSize(7);
        }
    }

    @Test
    void closingTheProviderClosesItsSessions() throws IOException {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting()) {
            SmtpEmailProvider smtp = smtp(relay, SmtpSettings.Pool.defaults());
            assertThat(smtp.send(mail("ann@example.com"))).isInstanceOf(SendResult.Sent.class);
            assertThat(relay.openConnections()).isEqualTo(1);

            smtp.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> relay.openConnections() == 0);
        }
    }
}
