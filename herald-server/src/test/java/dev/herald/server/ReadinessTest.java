package dev.herald.server;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness says whether this node can do Herald's work: database, schema, dispatchers; liveness stays up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class ReadinessTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/readiness-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> probe(String which) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/" + which))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessGoesDownWhenDispatchersStopAndWhenTheDatabaseIsGone() throws Exception {
        assertThat(probe("readiness").statusCode()).isEqualTo(200);

        SmartLifecycle dispatch = context.getBean("dispatchLifecycle", SmartLifecycle.class);
        dispatch.stop();
        HttpResponse<String> stopped = probe("readiness");
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(stopped.body()).contains("DOWN");
        assertThat(probe("liveness").statusCode()).isEqualTo(200);

        dispatch.start();
        assertThat(probe("readiness").statusCode()).isEqualTo(200);

        context.getBean(HikariDataSource.class).close();
        assertThat(probe("readiness").statusCode()).isEqualTo(503);
        assertThat(probe("liveness").statusCode()).isEqualTo(200);
    }
}
