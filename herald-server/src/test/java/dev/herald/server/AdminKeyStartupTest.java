package dev.herald.server;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's key at start-up: a changed herald.admin-key revokes the one it replaces; two nodes make one key. */
class AdminKeyStartupTest {
    private static final String FIRST = "hk_live_first-configured-key-0123456789abcdef";
    private static final String SECOND = "hk_live_second-configured-key-0123456789abcdef";

    private static ConfigurableApplicationContext start(String dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--herald.data-dir=" + dataDir,
                "--herald.worker.enabled=false", "--logging.level.root=warn"));
        args.addAll(List.of(more));
        return SpringApplication.run(HeraldApplication.class, args.toArray(String[]::new));
    }

    private static int status(ConfigurableApplicationContext node, String key) {
        return new HeraldClient(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")), key)
                .get("/api/v1/api-keys").status();
    }

    @Test
    void aChangedConfiguredKeyRevokesThePreviousOneAtStartUp() {
        String dataDir = "target/test-data/admin-key-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start(dataDir, "--herald.admin-key=" + FIRST)) {
            assertThat(status(first, FIRST)).isEqualTo(200);
        }

        try (ConfigurableApplicationContext second = start(dataDir, "--herald.admin-key=" + SECOND)) {
            assertThat(status(second, SECOND)).isEqualTo(200);
            assertThat(status(second, FIRST)).isEqualTo(401);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_key WHERE origin = 'CONFIGURED' "
                    + "AND revoked_at IS NOT NULL", Long.class)).isEqualTo(1);
        }
    }

    @Test
    void twoNodesStartingTogetherMakeOneAdminKey() throws IOException {
        String dataDir = "target/test-data/admin-key-" + UUID.randomUUID();
        CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(() -> start(dataDir));
        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() -> start(dataDir));
        try (ConfigurableApplicationContext nodeA = a.join(); ConfigurableApplicationContext nodeB = b.join()) {
            JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_key WHERE tenant_id = 'default' "
                    + "AND origin = 'GENERATED'", Long.class)).isEqualTo(1);
            // The key file holds the one key stored, whichever node made it, and no node's draft is left behind.
            String key = Files.readString(Path.of(dataDir, "admin-api-key")).strip();
            assertThat(status(nodeA, key)).isEqualTo(200);
            assertThat(status(nodeB, key)).isEqualTo(200);
            try (Stream<Path> files = Files.list(Path.of(dataDir))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".draft"));
            }
        }
    }
}
