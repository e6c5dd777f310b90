package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's trivial durable endpoint, switched on as the bench does: one checked row per request, nothing else. */
@TestPropertySource(properties = "herald.bench.probe=true")
@DirtiesContext // a second Herald on the shared test database: closed after this class, so it claims nobody else's mail
class BenchProbeTest extends EmbeddedHeraldTest {
    private static final String PROBE = "/api/v1/bench/probe";

    @Test
    void aValidBodyIsWrittenAsOneRowOfTheCallersTenant() {
        String type = "probe." + UUID.randomUUID();

        Answer answer = herald.post(PROBE, "{\"type\":\"%s\",\"email\":\"ann@example.com\",\"body\":\"hi\"}"
                .formatted(type));

        assertThat(answer.status()).isEqualTo(202);
        UUID id = UUID.fromString(answer.body().get("id").asString());
        assertThat(jdbc.queryForObject("SELECT tenant_id FROM bench_probe WHERE id = ? AND type = ?", String.class,
                id, type)).isEqualTo("default");
    }

    @Test
    void aBadBodyIsRefusedNamingTheFieldAndNothingIsWritten() {
        long before = rows("bench_probe");

        Answer answer = herald.post(PROBE, "{\"type\":\"t\",\"email\":\"not-an-address\",\"body\":\"hi\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").findValuesAsString("field")).containsExactly("email");
        assertThat(answer.body().get("errors").findValuesAsString("rule")).containsExactly("format");
        assertThat(rows("bench_probe")).isEqualTo(before);
    }

    @Test
    void itNeedsAKeyWithTheSendScope() {
        TenantId tenant = new TenantId("default");
        HeraldClient reader = herald.withKey(apiKeys.issue(tenant, "probe-reader-" + UUID.randomUUID(),
                Set.of(Scope.READ)).secret());

        assertThat(herald.withKey("hk_nope-0123456789abcdefghijklmnopqrstuvwxyz0123456789")
                .post(PROBE, "{\"type\":\"t\",\"email\":\"a@b.c\",\"body\":\"x\"}").status()).isEqualTo(401);
        assertThat(reader.post(PROBE, "{\"type\":\"t\",\"email\":\"a@b.c\",\"body\":\"x\"}").status())
                .isEqualTo(403);
    }
}
