package dev.herald.server;

import dev.herald.server.config.StartupProblem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
    void aConfiguredAdminKeyThatCouldNeverAuthenticateStopsStartUp() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-key-" + java.util.UUID.randomUUID(),
                "--herald.admin-key=secret", "--server.port=0",
                "--logging.level.root=off"));

        assertThat(findProblem(failure).action()).contains("hk_");
    }

    @Test
    void aProviderWithoutItsCredentialStopsStartUpNamingTheKey() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/bad-twilio-" + java.util.UUID.randomUUID(),
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
                "--herald.data-dir=target/test-data/bad-channel-" + java.util.UUID.randomUUID(),
                "--herald.channels.sms.providers[0]=twillio",
                "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.channels.sms.providers").contains("twillio");
        assertThat(problem.action()).contains("sandbox");
    }

    @Test
    void aProviderThatCouldOutliveHalfTheLeaseStopsStartUpNamingTheKeys() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=target/test-data/slow-smtp-" + java.util.UUID.randomUUID(),
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
                "--herald.data-dir=target/test-data/slow-twilio-" + java.util.UUID.randomUUID(),
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
                "--herald.data-dir=target/test-data/short-secret-" + java.util.UUID.randomUUID(),
                "--herald.providers.webhook[0].url=https://hooks.example.com/herald",
                "--herald.providers.webhook[0].secret=whsec_" + java.util.Base64.getEncoder()
                        .encodeToString("only-16-bytes!!!".getBytes()),
                "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("herald.providers.webhook[0]").contains("secret is 16 bytes")
                .doesNotContain("b25seS0");
        assertThat(problem.action()).contains("herald.providers.webhook[0]");
    }

    @Test
    void aDatabaseMigratedByAnotherBuildStopsStartUpSayingSo() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target/test-data/other-build-" + java.util.UUID.randomUUID())
                .toAbsolutePath();
        java.nio.file.Files.createDirectories(dir);
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("herald") + ";WRITE_DELAY=0");
        dev.herald.jdbc.JdbcStores.open(h2, java.time.Clock.systemUTC());
        try (java.sql.Connection c = h2.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '2'");
            st.execute("SHUTDOWN");
        }

        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldApplication.class,
                "--herald.data-dir=" + dir, "--server.port=0", "--logging.level.root=off"));

        StartupProblem problem = findProblem(failure);
        assertThat(problem.getMessage()).contains("schema does not match");
        assertThat(problem.action()).contains("fresh database");
    }

    private static StartupProblem findProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StartupProblem problem) {
                return problem;
            }
        }
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        throw new AssertionError("no StartupProblem in " + trace);
    }
}
