package dev.herald.server;

import dev.herald.server.config.StartupProblem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import dev.herald.jdbc.JdbcStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

class StartupProblemTest {

    @Test
    void anUnusableDataFolderStopsStartUpAndSaysWhatToDo() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=/proc/herald-nope", "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("/proc/herald-nope");
        assertThat(problem.action()).contains("herald.data-dir");
    }

    @Test
    void aPlainHttpPublicUrlStopsStartUpWhileEmailsWouldCarryUnsubscribeLinks() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/http-public-" + UUID.randomUUID(),
                "--herald.public-base-url=http://herald.example.com", "--server.port=0",
                "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.public-base-url").contains("http");
        assertThat(problem.action()).contains("https").contains("herald.unsubscribe.allow-http")
                .contains("herald.unsubscribe.enabled");
    }

    @Test
    void aWorkflowRetryThatCouldNeverSetAStepAsideStopsStartUpNamingTheKey() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-retries-" + UUID.randomUUID(),
                "--herald.workflows.retries.max-attempts=0", "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.workflows.retries.max-attempts");
        assertThat(problem.action()).contains("1 to 100");
    }

    @Test
    void aConfiguredAdminKeyThatCouldNeverAuthenticateStopsStartUp() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-key-" + UUID.randomUUID(),
                "--herald.admin-key=secret", "--server.port=0",
                "--logging.level.root=off"));

        assertThat(findProblem(failure).action()).contains("hk_");
    }

    @Test
    void aProviderWithoutItsCredentialStopsStartUpNamingTheKey() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-twilio-" + UUID.randomUUID(),
                "--herald.providers.twilio[0].account-sid=AC1",
                "--herald.providers.twilio[0].from-number=+15550001111", "--server.port=0",
                "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.providers.twilio[0]").contains("authToken");
        assertThat(problem.action()).contains("herald.providers.twilio[0]");
    }

    @Test
    void aChannelNamingAnUnknownProviderStopsStartUp() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-channel-" + UUID.randomUUID(),
                "--herald.channels.sms.providers[0]=twillio",
                "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.channels.sms.providers").contains("twillio");
        assertThat(problem.action()).contains("sandbox");
    }

    @Test
    void aPriceForAnUnknownProviderStopsStartUpNamingTheKey() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-price-" + UUID.randomUUID(),
                "--herald.billing.provider-prices.twillio=7.9",
                "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.billing.provider-prices.twillio");
        assertThat(problem.action()).contains("sandbox");
    }

    @Test
    void aProviderThatCouldOutliveHalfTheLeaseStopsStartUpNamingTheKeys() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/slow-smtp-" + UUID.randomUUID(),
                "--herald.worker.lease=10s",
                "--herald.providers.smtp[0].host=127.0.0.1", "--herald.providers.smtp[0].send-timeout=8s",
                "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.providers.smtp[0]").contains("herald.worker.lease");
        assertThat(problem.action()).contains("herald.providers.smtp[0].send-timeout").contains("herald.worker.lease");
    }

    @Test
    void aRateLimitedHttpProviderCountsItsPermitWaitToo() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/slow-twilio-" + UUID.randomUUID(),
                "--herald.providers.twilio[0].account-sid=AC1", "--herald.providers.twilio[0].auth-token=t",
                "--herald.providers.twilio[0].from-number=+15550001111",
                "--herald.providers.twilio[0].guards.rate-per-second=10",
                "--herald.providers.twilio[0].guards.rate-max-wait=6s",
                "--server.port=0", "--logging.level.root=off"));

        assertThat(findProblem(failure).action()).contains("herald.providers.twilio[0].http.request-timeout")
                .contains("herald.providers.twilio[0].guards.rate-max-wait");
    }

    @Test
    void aWebhookSecretShorterThan24BytesStopsStartUpNamingTheKey() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/short-secret-" + UUID.randomUUID(),
                "--herald.providers.webhook[0].url=https://hooks.example.com/herald",
                "--herald.providers.webhook[0].secret=whsec_" + Base64.getEncoder()
                        .encodeToString("only-16-bytes!!!".getBytes()),
                "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.providers.webhook[0]").contains("secret is 16 bytes")
                .doesNotContain("b25seS0");
        assertThat(problem.action()).contains("herald.providers.webhook[0]");
    }

    @Test
    void aDatabaseMigratedByAnotherBuildStopsStartUpSayingSo() throws Exception {
        Path dir = Path.of("target/test-data/other-build-" + UUID.randomUUID())
                .toAbsolutePath();
        Files.createDirectories(dir);
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("herald") + ";WRITE_DELAY=0");
        JdbcStores.open(h2, Clock.systemUTC());
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '2'");
            st.execute("SHUTDOWN");
        }

        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=" + dir, "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("schema does not match");
        assertThat(problem.action()).contains("fresh database");
    }

    @Test
    void aSharedDatabaseHoldingIntegrationsWithoutTheirKeyStopsStartUpNamingTheSetting() throws Exception {
        Path dir = Path.of("target/test-data/shared-no-key-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("shared") + ";WRITE_DELAY=0";
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        JdbcStores stores = JdbcStores.open(h2, Clock.systemUTC());
        stores.apiKeys().ensureTenant(new dev.herald.core.model.TenantId("acme"), "Acme");
        stores.integrations().put(new dev.herald.core.channel.Integration(new dev.herald.core.model.TenantId("acme"),
                "relay", "smtp", java.util.List.of(dev.herald.core.model.Channel.EMAIL), 0, "{}", "c2VhbGVk", "k1",
                0, java.time.Instant.now()));
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }

        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=" + dir, "--spring.datasource.url=" + url, "--spring.datasource.username=sa",
                "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.integrations.encryption-key");
        assertThat(problem.action()).contains("herald.integrations.encryption-key").contains("every node");
    }

    @Test
    void anIntegrationsKeyThatIsNot32BytesStopsStartUp() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-integrations-key-" + UUID.randomUUID(),
                "--herald.integrations.encryption-key=c2hvcnQ=", "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.integrations.encryption-key").doesNotContain("c2hvcnQ");
        assertThat(problem.action()).contains("openssl rand -base64 32");
    }

    @Test
    void aRedisUrlThatIsNotOneStopsStartUpWithoutQuotingIt() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-redis-url-" + UUID.randomUUID(),
                "--herald.redis.url=secret-host:6379", "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.redis.url").doesNotContain("secret-host");
        assertThat(problem.action()).contains("redis://host:6379");
    }

    @Test
    void aRedisThatCannotBeReachedStopsStartUpSayingWhatToFix() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/no-redis-" + UUID.randomUUID(),
                "--herald.redis.url=redis://:hunter2@127.0.0.1:1", "--herald.redis.timeout=1s", "--server.port=0",
                "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.redis.url").contains("cannot be reached")
                .doesNotContain("hunter2");
        assertThat(problem.action()).contains("start Redis");
    }

    private static StartupProblem findProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StartupProblem problem) {
                return problem;
            }
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        throw new AssertionError("no StartupProblem in " + trace);
    }
}
