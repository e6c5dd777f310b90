package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Logs at INFO and above never carry what users entrusted to Herald: addresses, message content, tokens, keys.
 * A whole flow runs with recognisable values (users, devices, sends on every sandboxed channel, the in-app inbox,
 * refusals of bad input, an idempotency conflict, a send to an unreachable mail server), and none of them may appear
 * in the captured log.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest {
    private static final String EMAIL = "pii.walrus@example.com";
    private static final String INLINE_EMAIL = "pii.narwhal@example.org";
    private static final String PHONE = "+821098765432";
    private static final String TOKEN = "piitokenQuokka0123456789abcdef";
    private static final String TITLE = "PII-title-Axolotl";
    private static final String BODY = "PII-body-Pangolin";
    private static final String DATA = "PII-data-Okapi";
    private static final String IDEMPOTENCY_KEY = "pii-key-Capybara";
    private static final String RELAY_PASSWORD = "pii-pass-Manatee0123";
    private static final List<String> SECRETS = List.of(EMAIL, INLINE_EMAIL, PHONE, TOKEN, TITLE, BODY, DATA,
            IDEMPOTENCY_KEY, EmbeddedHeraldTest.ADMIN_KEY, "Walrus", "Narwhal", "98765432", "Quokka", RELAY_PASSWORD,
            "Manatee");

    /** Plain text, and the structured JSON one setting turns on: neither may carry what the plain one must not. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "ecs"})
    void aWholeFlowLeavesNoAddressContentOrTokenInTheLog(String format, CapturedOutput log) throws Exception {
        int deadSmtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadSmtpPort = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--herald.data-dir=target/test-data/log-hygiene-" + UUID.randomUUID(),
                "--herald.admin-key=" + EmbeddedHeraldTest.ADMIN_KEY,
                "--herald.providers.smtp[0].host=127.0.0.1", "--herald.providers.smtp[0].port=" + deadSmtpPort,
                "--herald.integrations.allow-internal-addresses=true",
                "--herald.retry.max-attempts=2", "--herald.retry.initial-backoff=10ms",
                "--logging.level.root=info", "--logging.level.dev.herald=info"));
        if (!format.equals("plain")) {
            args.add("--logging.structured.format.console=" + format);
        }
        try (ConfigurableApplicationContext herald = SpringApplication.run(HeraldApplication.class,
                args.toArray(String[]::new))) {
            HeraldClient client = new HeraldClient(
                    Integer.parseInt(herald.getEnvironment().getProperty("local.server.port")),
                    EmbeddedHeraldTest.ADMIN_KEY);

            assertThat(client.put("/api/v1/users/walrus", "{\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE
                    + "\"}").status()).isIn(200, 201);
            assertThat(client.post("/api/v1/users/walrus/devices", "{\"platform\":\"fcm\",\"token\":\"" + TOKEN
                    + "\"}").status()).isIn(200, 201);
            // The tenant's own relay (as unreachable as the installation's), a refused one, and a test message.
            assertThat(client.put("/api/v1/integrations/relay", "{\"kind\":\"smtp\",\"settings\":{\"host\":"
                    + "\"127.0.0.1\",\"port\":" + deadSmtpPort + ",\"password\":\"" + RELAY_PASSWORD + "\"}}").status())
                    .isEqualTo(201);
            assertThat(client.put("/api/v1/integrations/relay-2", "{\"kind\":\"smtp\",\"settings\":{\"host\":"
                    + "\"127.0.0.1\",\"port\":\"" + RELAY_PASSWORD + "\",\"password\":\"" + RELAY_PASSWORD
                    + "\"}}").status()).isEqualTo(400);
            assertThat(client.post("/api/v1/integrations/relay/test", "{\"address\":\"" + EMAIL + "\"}").body()
                    .get("outcome").asString()).isEqualTo("failed");
            String send = "{\"type\":\"order.shipped\",\"recipients\":[\"walrus\",{\"email\":\"" + INLINE_EMAIL
                    + "\"}],\"channels\":[\"EMAIL\",\"SMS\",\"PUSH\",\"IN_APP\"],\"data\":{\"note\":\"" + DATA
                    + "\"},\"content\":{\"title\":\"" + TITLE + "\",\"body\":\"" + BODY + "\"}}";
            Answer sent = client.post("/api/v1/notifications", send, "Idempotency-Key", IDEMPOTENCY_KEY);
            assertThat(sent.status()).isEqualTo(202);
            // The same key with another request, and bad input quoting the same values.
            assertThat(client.post("/api/v1/notifications", send.replace(BODY, BODY + "!"), "Idempotency-Key",
                    IDEMPOTENCY_KEY).status()).isEqualTo(422);
            assertThat(client.put("/api/v1/users/narwhal", "{\"email\":\"" + EMAIL + "@\",\"phone\":\"" + PHONE
                    + "0000000\"}").status()).isEqualTo(400);
            assertThat(client.post("/api/v1/notifications", send.replace("\"IN_APP\"]", "\"IN_APP\"],")).status())
                    .isEqualTo(400);
            assertThat(client.post("/api/v1/users/walrus/inbox-token", "").status()).isIn(200, 201);
            assertThat(client.withKey("hk_wrong-" + TOKEN).get("/api/v1/users/walrus").status()).isEqualTo(401);

            // Requests Tomcat itself refuses, carrying the same values in the path, the query and a header.
            int port = Integer.parseInt(herald.getEnvironment().getProperty("local.server.port"));
            rawRequest(port, "GET /api/v1/users/" + EMAIL + "%00 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + EmbeddedHeraldTest.ADMIN_KEY + "\r\nConnection: close\r\n\r\n");
            rawRequest(port, "GET /api/v1/notifications?userId=" + EMAIL + "&cursor=%%%" + TOKEN
                    + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + EmbeddedHeraldTest.ADMIN_KEY
                    + "\r\nConnection: close\r\n\r\n");
            rawRequest(port, "GET /api/v1/notifications?userId=walrus HTTP/1.1\r\nHost: localhost\r\nX-Who: "
                    + EMAIL + "p".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
            rawRequest(port, "GET /api/v1/users/" + PHONE + " HTTP/1.1\r\nHost: localhost\r\nX-Bad\u0001: "
                    + TOKEN + "\r\n\r\n");

            String id = sent.body().get("id").asString();
            // Email goes to a mail server that is not there: retried, then DEAD, with its errors on the way.
            await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/api/v1/notifications/" + id).body()
                    .get("status").asString().equals("COMPLETED"));
            assertThat(client.get("/api/v1/notifications/" + id).body().get("deliveries").findValuesAsString("status"))
                    .contains("SENT", "DEAD");
            // What the API shows as the last error is the reason, not the provider's exception quoting the address.
            assertThat(client.get("/api/v1/notifications/" + id).body().get("deliveries").findValuesAsString("lastError"))
                    .isNotEmpty().allSatisfy(error -> assertThat(error).doesNotContain(EMAIL, INLINE_EMAIL, "\n"));
        }

        String captured = log.getAll();
        assertThat(captured).contains("Tomcat started");
        if (!format.equals("plain")) {
            assertThat(captured).as("one JSON object a line").contains("\"@timestamp\"").contains("\"message\"");
        }
        for (String secret : SECRETS) {
            assertThat(captured).as("the log must not contain %s", secret).doesNotContainIgnoringCase(secret);
        }
    }

    /** Sends bytes java.net.http would refuse to send, and reads whatever comes back. */
    private static void rawRequest(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 4");
        } catch (SocketTimeoutException | SocketException closedEarly) {
            // Refused without an answer we could read: what matters here is only what was logged.
        }
    }
}
