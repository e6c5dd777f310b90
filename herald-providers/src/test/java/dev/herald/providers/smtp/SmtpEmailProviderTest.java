package dev.herald.providers.smtp;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.channel.UnsubscribeLink;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.testkit.peers.ScriptedSmtpPeer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import dev.herald.testkit.TestOutbound;
import java.util.function.BooleanSupplier;

class SmtpEmailProviderTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

    private static OutboundMessage mail(String to) {
        return TestOutbound.to(Channel.EMAIL, to, new Message("주문이 발송되었습니다", "Your order is on its way", "<p>Your order is <b>on its way</b></p>"));
    }

    private static SmtpSettings smtpAt(int port) {
        return new SmtpSettings("127.0.0.1", port, null, null, "herald@example.com", false, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(3), SmtpSettings.Pool.defaults());
    }

    @Test
    void sendsHtmlAndPlainTextPartsOverSmtp() throws Exception {
        SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", smtpAt(greenMail.getSmtp().getPort()));
        OutboundMessage message = mail("ann@example.com");

        SendResult result = smtp.send(message);

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("주문이 발송되었습니다");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(received.getHeader("X-Herald-Delivery-Id")[0]).isEqualTo(message.deliveryId().toString());
        String body = GreenMailUtil.getBody(received);
        assertThat(body).contains("text/plain").contains("text/html").contains("Your order is on its way");
        assertThat(received.getContent()).isInstanceOf(MimeMultipart.class);
    }

    @Test
    void aMessageWithAnUnsubscribeLinkCarriesTheRfc8058HeadersAndOneWithoutCarriesNone() throws Exception {
        SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", smtpAt(greenMail.getSmtp().getPort()));
        String url = "https://herald.example.com/u/hx1." + "a".repeat(300);

        smtp.send(mail("ann@example.com").withUnsubscribe(new UnsubscribeLink(url, "mailto:unsub@example.com")));
        smtp.send(mail("bob@example.com"));

        MimeMessage withLink = greenMail.getReceivedMessages()[0];
        assertThat(withLink.getHeader("List-Unsubscribe", null).replaceAll("\\r?\\n[ \\t]", " "))
                .isEqualTo("<" + url + ">, <mailto:unsub@example.com>");
        assertThat(withLink.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        MimeMessage without = greenMail.getReceivedMessages()[1];
        assertThat(without.getHeader("List-Unsubscribe")).isNull();
        assertThat(without.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @Test
    void anHtmlEmailCarriesThePlainTextAndTheHtmlAsAlternativesInUtf8() throws Exception {
        SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", smtpAt(greenMail.getSmtp().getPort()));

        assertThat(smtp.send(mail("bo@example.com"))).isInstanceOf(SendResult.Sent.class);

        MimeMessage received = receivedBy("bo@example.com");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart alternatives = (MimeMultipart) received.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(alternatives.getBodyPart(0).getContent()).isEqualTo("Your order is on its way");
        assertThat(alternatives.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(alternatives.getBodyPart(1).getContent()).isEqualTo("<p>Your order is <b>on its way</b></p>");
        assertThat(received.getFrom()[0].toString()).isEqualTo("herald@example.com");
        assertThat(received.getMessageID()).isNotBlank();
    }

    @Test
    void anEmailWithoutHtmlIsOnePlainTextPart() throws Exception {
        SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", smtpAt(greenMail.getSmtp().getPort()));
        OutboundMessage message = TestOutbound.to(Channel.EMAIL, "cy@example.com",
                new Message("Récépissé", "Reçu, merci", null));

        assertThat(smtp.send(message)).isInstanceOf(SendResult.Sent.class);

        MimeMessage received = receivedBy("cy@example.com");
        assertThat(received.getSubject()).isEqualTo("Récépissé");
        assertThat(received.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(received.getContent()).isEqualTo("Reçu, merci");
    }

    @Test
    void aSenderNameOutsideAsciiIsWrittenEncoded() throws Exception {
        SmtpSettings korean = new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(), null, null,
                "알림 <herald@example.com>", false, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(3), SmtpSettings.Pool.defaults());
        SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", korean);

        assertThat(smtp.send(mail("di@example.com"))).isInstanceOf(SendResult.Sent.class);

        MimeMessage received = receivedBy("di@example.com");
        String raw = received.getHeader("From", null);
        assertThat(raw).as("RFC 2047, only ASCII on the wire").startsWith("=?UTF-8?").matches("\\p{ASCII}+");
        assertThat(((jakarta.mail.internet.InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("알림");
        smtp.close();
    }

    @Test
    void anAddressThatIsNotOneMailboxIsRefusedWithoutContactingTheRelay() {
        SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", smtpAt(greenMail.getSmtp().getPort()));

        SendResult result = smtp.send(mail("ann@example.com, bo@example.com"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("message could not be built: AddressException"));
        assertThat(smtp.connectionsOpened()).isZero();
    }

    @Test
    void jakartaMailFindsItsStreamProviderByNameOnceAProviderExists() {
        new SmtpEmailProvider("smtp", smtpAt(greenMail.getSmtp().getPort())).close();

        // Without it, Jakarta Mail 2.1 scans the class path for every part it builds or writes.
        assertThat(System.getProperty(StreamProvider.class.getName()))
                .isEqualTo(ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow().getClass().getName());
    }

    private static MimeMessage receivedBy(String address) throws Exception {
        for (MimeMessage received : greenMail.getReceivedMessages()) {
            if (received.getAllRecipients()[0].toString().equals(address)) {
                return received;
            }
        }
        throw new AssertionError("nothing received for " + address);
    }

    @Test
    void amazonSesOwnMessageIdFromItsReplyToDataIsStoredAsTheProviderMessageId() throws IOException {
        // SES's SMTP interface acknowledges a message with its own id, the one its notifications name as mail.messageId.
        String sesId = "0102018c7f3a9b1e-5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-000000";
        try (ScriptedSmtpPeer ses = ScriptedSmtpPeer.accepting().acknowledgingDataWith("250 Ok " + sesId);
             SmtpEmailProvider smtp = new SmtpEmailProvider("ses", smtpAt(ses.port()))) {

            SendResult first = smtp.send(mail("ann@example.com"));
            SendResult second = smtp.send(mail("bob@example.com"));

            assertThat(first).isInstanceOfSatisfying(SendResult.Sent.class,
                    sent -> assertThat(sent.providerMessageId()).isEqualTo(sesId));
            assertThat(second).isInstanceOfSatisfying(SendResult.Sent.class,
                    sent -> assertThat(sent.providerMessageId()).isEqualTo(sesId));
            assertThat(ses.received()).hasSize(2);
        }
    }

    @Test
    void anotherRelaysReplyToDataLeavesTheMessageIdHeaderAsTheProviderMessageId() throws Exception {
        for (String reply : new String[]{"250 2.0.0 Ok: queued as 4F2A1C0B3D", "250 Ok: queued as 0102018c7f3a9b1e",
                "250 OK id=1q2w3e-0004Xy-Ab", "250 Ok 0102018c7f3a9b1e-5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-000000 x"}) {
            try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting().acknowledgingDataWith(reply);
                 SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", smtpAt(relay.port()))) {

                SendResult result = smtp.send(mail("ann@example.com"));

                String header = relay.received().getFirst().data().lines()
                        .filter(l -> l.regionMatches(true, 0, "Message-ID:", 0, 11)).findFirst().orElseThrow()
                        .substring(11).strip();
                assertThat(result).as(reply).isInstanceOfSatisfying(SendResult.Sent.class,
                        sent -> assertThat(sent.providerMessageId()).startsWith("<").isEqualTo(header));
            }
        }
    }

    @Test
    void smtpDownIsRetriedLater() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", smtpAt(closedPort));

        SendResult result = smtp.send(mail("ann@example.com"));

        assertThat(result).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) result).reason()).contains("ConnectException");
    }

    @Test
    void aRecipientTheServerRefusesPermanentlyIsRejectedAsAnInvalidAddress() throws IOException {
        try (ScriptedSmtpPeer server = ScriptedSmtpPeer.answeringRecipientWith("550 5.1.1 no such user")) {
            SendResult result = new SmtpEmailProvider("smtp", smtpAt(server.port())).send(mail("nobody@example.com"));

            assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, rejected -> {
                assertThat(rejected.invalidAddress()).isTrue();
                assertThat(rejected.reason()).contains("550");
            });
        }
    }

    @Test
    void aTemporaryRefusalIsRetriedLater() throws IOException {
        // SMTP's answer to "too many requests": 421/451 with no date; the retry policy's backoff decides when.
        try (ScriptedSmtpPeer server = ScriptedSmtpPeer.answeringRecipientWith("451 4.7.1 rate limited, try later")) {
            SendResult result = new SmtpEmailProvider("smtp", smtpAt(server.port())).send(mail("ann@example.com"));

            assertThat(result).isInstanceOf(SendResult.Retry.class);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndIsRetried() throws IOException {
        try (ScriptedSmtpPeer server = ScriptedSmtpPeer.silent()) {
            SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", new SmtpSettings("127.0.0.1", server.port(), null,
                    null, "herald@example.com", false, Duration.ofSeconds(2), Duration.ofMillis(500),
                    Duration.ofSeconds(3), SmtpSettings.Pool.defaults()));

            SendResult result = smtp.send(mail("ann@example.com"));

            assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                    retry -> assertThat(retry.reason()).containsIgnoringCase("timed out"));
        }
    }

    @Test
    void aRelayThatStallsAfterTheMessageIsCutOffAtTheSendDeadlineAndTheRetryDeliversOnce() throws IOException {
        // The relay would answer after 3 s; reads alone would wait 10 s. The send deadline (300 ms) is what ends it.
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting()
                .stallingOnceAfterDataTo("ann@example.com", Duration.ofSeconds(3))) {
            SmtpEmailProvider smtp = new SmtpEmailProvider("smtp", new SmtpSettings("127.0.0.1", relay.port(), null,
                    null, "herald@example.com", false, Duration.ofSeconds(2), Duration.ofSeconds(10),
                    Duration.ofMillis(300), SmtpSettings.Pool.defaults()));

            SendResult first = smtp.send(mail("ann@example.com"));
            SendResult retry = smtp.send(mail("ann@example.com"));

            assertThat(first).isInstanceOfSatisfying(SendResult.Retry.class, r -> {
                assertThat(r.reason()).isEqualTo("SMTP send not finished within 300 ms; connection aborted");
                assertThat(r.recipientTrouble()).isFalse();
            });
            assertThat(retry).isInstanceOf(SendResult.Sent.class);
            // The stalled copy was never acknowledged: the relay saw the connection drop and kept nothing.
            waitUntil(() -> relay.abandoned() == 1);
            assertThat(relay.abandoned()).isEqualTo(1);
            assertThat(relay.received()).hasSize(1);
        }
    }

    /** Polls with a generous bound (the relay stalls 3 s before it notices the hang-up). */
    private static void waitUntil(BooleanSupplier condition) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void aBusyMailboxIsThatRecipientsPassingTroubleWithAOneLineReasonWithoutTheAddress() throws IOException {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting().answering("busy@example.com",
                "450 4.2.0 <busy@example.com>: Recipient address rejected: mailbox busy")) {
            SendResult result = new SmtpEmailProvider("smtp", smtpAt(relay.port())).send(mail("busy@example.com"));

            assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
                assertThat(retry.recipientTrouble()).isTrue();
                assertThat(retry.reason())
                        .isEqualTo("SMTP 450 4.2.0 Recipient address rejected: mailbox busy (RCPT)");
            });
        }
    }

    @Test
    void aRelayClosingTheSessionAtTheRecipientIsTheRelaysTrouble() throws IOException {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.answeringRecipientWith("421 4.3.2 shutting down")) {
            SendResult result = new SmtpEmailProvider("smtp", smtpAt(relay.port())).send(mail("ann@example.com"));

            assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                    retry -> assertThat(retry.recipientTrouble()).isFalse());
        }
    }
}
