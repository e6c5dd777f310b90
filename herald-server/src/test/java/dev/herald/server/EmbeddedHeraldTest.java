package dev.herald.server;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.core.tenancy.ApiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * Herald as it runs by default (H2 file database, dispatchers, sandbox providers) on a random port, with email
 * pointed at a GreenMail SMTP server. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class EmbeddedHeraldTest {
    static final String ADMIN_KEY = "hk_test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String DATA_DIR = "target/test-data/api-" + UUID.randomUUID();
    // A fixed port: the application context outlives one test class, GreenMail is restarted per class. Chosen free
    // once per JVM (a port derived from the pid once landed on the machine's MariaDB, 3306).
    private static final int SMTP_PORT = freePort();

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("herald.data-dir", () -> DATA_DIR);
        registry.add("herald.providers.smtp[0].host", () -> "127.0.0.1");
        registry.add("herald.providers.smtp[0].port", () -> SMTP_PORT);
        // GreenMail restarts between test classes while the context lives on: mail sent in that gap fails, and
        // the breaker must not keep the relay closed for the next class longer than a moment.
        registry.add("herald.providers.smtp[0].guards.open-for", () -> "1s");
        // These tests send the same text to the same people over and over on purpose; content dedup has its own
        // test (DedupApiTest) and would otherwise suppress their repeats.
        registry.add("herald.dedup.window", () -> "0s");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiKeys apiKeys;

    HeraldClient herald;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, ADMIN_KEY);
    }

    long rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
