package dev.herald.jdbc;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditQuery;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * During a rolling upgrade a newer node records actions an older one does not know (as {@code signing-key.rotated}
 * was once new). The older node still lists the page: such an entry reads as {@link AuditAction#UNKNOWN} with its
 * stored name leading the summary, where before it failed the whole list with a 500.
 */
class AuditTrailNewerActionsTest {
    private static final TenantId TENANT = new TenantId("audit-newer");

    @Test
    void anEntryUnderANameThisVersionDoesNotKnowIsListedAsUnknownWithItsName() {
        DataSource h2 = TestDatabases.emptyH2();
        JdbcStores stores = JdbcStores.open(h2, Clock.systemUTC());
        stores.apiKeys().ensureTenant(TENANT, "Audit");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        AuditEntry known = new AuditEntry(UUID.randomUUID(), at, TENANT, null, AuditAction.TYPE_CREATED, "type:a", "");
        stores.audit().record(known);
        jdbc.update("INSERT INTO audit_event (id, tenant_id, occurred_at, key_id, action, target, summary)"
                        + " VALUES (?, ?, ?, NULL, 'webhook.rotated', 'webhook:w1', 'version=2')", UUID.randomUUID(),
                TENANT.value(), Sql.ts(at.plusSeconds(1)));
        jdbc.update("INSERT INTO audit_event (id, tenant_id, occurred_at, key_id, action, target, summary)"
                        + " VALUES (?, ?, ?, NULL, 'webhook.paused', 'webhook:w2', '')", UUID.randomUUID(),
                TENANT.value(), Sql.ts(at.plusSeconds(2)));

        List<AuditEntry> listed = stores.audit().list(AuditQuery.ofTenant(TENANT, null, null, null), 10, null).items();

        assertThat(listed).extracting(AuditEntry::action)
                .containsExactly(AuditAction.UNKNOWN, AuditAction.UNKNOWN, AuditAction.TYPE_CREATED);
        assertThat(listed).extracting(AuditEntry::summary)
                .containsExactly("action=webhook.paused", "action=webhook.rotated, version=2", "");
        assertThat(listed.getLast()).isEqualTo(known);
    }

    @Test
    void unknownIsNeverRecorded() {
        DataSource h2 = TestDatabases.emptyH2();
        JdbcStores stores = JdbcStores.open(h2, Clock.systemUTC());

        assertThatThrownBy(() -> stores.audit().record(new AuditEntry(UUID.randomUUID(), Instant.now(), TENANT, null,
                AuditAction.UNKNOWN, "x:y", ""))).isInstanceOf(IllegalArgumentException.class);
    }
}
