package dev.herald.jdbc;

import dev.herald.core.channel.DisabledEndpoints;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 410 from a webhook endpoint is remembered in the database, so it survives a restart until re-enabled (what the
 * port must do otherwise is in DisabledEndpointsContract, run on H2 and PostgreSQL).
 */
class DisabledEndpointsTest {
    private static final String URL = "https://hooks.example.com/herald?key=" + "k".repeat(1500);

    @Test
    void aDisabledEndpointStaysDisabledAcrossInstancesUntilEnabled() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:endpoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDisabledEndpoints first = JdbcStores.open(h2, Clock.systemUTC()).disabledEndpoints();
        Instant at = Instant.parse("2026-11-21T10:00:00Z");

        assertThat(first.find(URL)).isEmpty();
        first.disable(URL, "HTTP 410 Gone", at);
        first.disable(URL, "HTTP 410 Gone again", at.plusSeconds(60));

        JdbcDisabledEndpoints afterRestart = JdbcStores.open(h2, Clock.systemUTC()).disabledEndpoints();
        assertThat(afterRestart.find(URL)).contains(new DisabledEndpoints.Disabled("HTTP 410 Gone", at));
        assertThat(afterRestart.find("https://hooks.example.com/other")).isEmpty();

        assertThat(afterRestart.enable(URL)).isTrue();
        assertThat(afterRestart.find(URL)).isEmpty();
        assertThat(JdbcStores.open(h2, Clock.systemUTC()).disabledEndpoints().find(URL)).isEmpty();
    }
}
