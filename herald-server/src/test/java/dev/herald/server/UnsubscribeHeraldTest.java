package dev.herald.server;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.server.HeraldClient.Answer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Herald with a public https URL, so emails carry unsubscribe links, and email going to GreenMail. The links point
 * at {@value #PUBLIC_URL}; tests follow them on the local server by their path, as a reverse proxy would.
 * Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class UnsubscribeHeraldTest {
    static final String ADMIN_KEY = EmbeddedHeraldTest.ADMIN_KEY;
    static final String PUBLIC_URL = "https://herald.example.com";
    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("herald.data-dir", () -> "target/test-data/unsubscribe-" + UUID.randomUUID());
        registry.add("herald.public-base-url", () -> PUBLIC_URL);
        registry.add("herald.unsubscribe.mailto", () -> "unsubscribe@example.com");
        registry.add("herald.providers.smtp[0].host", () -> "127.0.0.1");
        registry.add("herald.providers.smtp[0].port", () -> SMTP_PORT);
        registry.add("herald.providers.smtp[0].guards.open-for", () -> "1s");
        registry.add("herald.dedup.window", () -> "0s");
    }

    @LocalServerPort
    int port;
    HeraldClient herald;
    /** No key: what a mailbox provider or a person's browser has. */
    HeraldClient anonymous;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, ADMIN_KEY);
        anonymous = new HeraldClient(port, null);
        herald.put("/api/v1/types/promo.weekly", """
                {"channels":["EMAIL","SMS"],"priority":"LOW"}""");
    }

    static String newUser(HeraldClient herald, String prefix, String locale) {
        String user = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        herald.put("/api/v1/users/" + user, """
                {"email":"%s@example.com","phone":"+821012345678","timeZone":"Asia/Seoul"%s}"""
                .formatted(user, locale == null ? "" : ",\"locale\":\"" + locale + "\""));
        return user;
    }

    Answer send(String type, String user, String subject) {
        return herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":["%s"],"channels":["EMAIL"],
                 "content":{"title":"%s","body":"Hello"}}""".formatted(type, user, subject), "Prefer", "wait=10");
    }

    /** The email with this subject, once GreenMail has it. */
    static MimeMessage received(String subject) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> subject.equals(subjectOf(m))).findFirst(), Optional::isPresent).get();
    }

    /** The https link of the message's List-Unsubscribe header. */
    static URI httpsLink(MimeMessage message) throws Exception {
        String header = message.getHeader("List-Unsubscribe", null);
        assertThat(header).as("List-Unsubscribe").isNotNull();
        String unfolded = header.replaceAll("\\r?\\n[ \\t]", " ");
        String https = Arrays.stream(unfolded.split(","))
                .map(String::strip).filter(s -> s.startsWith("<https://"))
                .map(s -> s.substring(1, s.length() - 1)).findFirst().orElseThrow();
        return URI.create(https);
    }

    /** The link's token, as the path after {@code /u/}. */
    static String token(URI link) {
        assertThat(link.getPath()).startsWith("/u/");
        return link.getPath().substring(3);
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            return null;
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
