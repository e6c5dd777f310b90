package dev.herald.server.audit;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditQuery;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.Device;
import dev.herald.core.recipients.PushAddress.PushPlatform;
import dev.herald.core.recipients.User;
import dev.herald.core.templates.TemplateKey;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.NotificationType;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.audit.AuditedChange.Audited;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change and its audit entry commit together or not at all, on the real stores: the stores' own transactions
 * join the one {@link AuditedChange} holds. Runs on H2 and PostgreSQL (subclasses give the database).
 */
abstract class AuditedChangeTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final SettableClock clock = new SettableClock(NOW);
    private final IdGenerator ids = new IdGenerator(clock);
    // Each test its own tenant: the PostgreSQL database is shared by the class's tests.
    final TenantId tenant = new TenantId("audited-" + UUID.randomUUID().toString().substring(0, 8));
    final Caller caller = new Caller(tenant, UUID.randomUUID(), Set.of(Scope.ADMIN), false, null);
    JdbcStores stores;
    JdbcTemplate jdbc;
    AuditedChange audited;

    /** A migrated database; may be shared by the tests of one class. */
    abstract DataSource database();

    @BeforeEach
    void open() {
        DataSource database = database();
        stores = JdbcStores.open(database, clock);
        jdbc = new JdbcTemplate(database);
        stores.apiKeys().ensureTenant(tenant, "Audited");
        audited = new AuditedChange(stores.transactions(), stores.audit(), ids, clock);
    }

    NotificationType type(String name) {
        return new NotificationType(name, List.of(Channel.EMAIL), false, Priority.NORMAL, false, List.of("userId"),
                Map.of(), null, null, NOW);
    }

    List<AuditEntry> entries() {
        return stores.audit().list(AuditQuery.ofTenant(tenant, null, null, null), 100, null).items();
    }

    /** The database itself refuses audit entries with this target: a real failure of the insert, not a stand-in. */
    private void refuseEntriesFor(String target) {
        String name = "refuse_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("ALTER TABLE audit_event ADD CONSTRAINT " + name + " CHECK (target <> '" + target + "')");
    }

    @Test
    void aChangeAndItsEntryCommitTogether() {
        boolean created = audited.run(caller, () -> stores.types().put(tenant, type("order.shipped")),
                isNew -> Audited.of(AuditAction.TYPE_CREATED, "type:order.shipped", "channels=[EMAIL]"));

        assertThat(created).isTrue();
        assertThat(stores.types().find(tenant, "order.shipped")).isPresent();
        assertThat(entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.TYPE_CREATED);
            assertThat(e.keyId()).isEqualTo(caller.keyId());
            assertThat(e.tenant()).isEqualTo(tenant);
            assertThat(e.at()).isEqualTo(NOW);
            assertThat(e.summary()).isEqualTo("channels=[EMAIL]");
        });
    }

    @Test
    void anAuditInsertThatFailsRollsTheChangeBack() {
        String target = "type:refused-" + tenant.value();
        refuseEntriesFor(target);

        assertThatThrownBy(() -> audited.run(caller, () -> stores.types().put(tenant, type("refused.type")),
                isNew -> Audited.of(AuditAction.TYPE_CREATED, target))).isInstanceOf(DataAccessException.class);

        assertThat(stores.types().find(tenant, "refused.type")).isEmpty();
        assertThat(entries()).isEmpty();
    }

    @Test
    void aStoresOwnMultiStatementTransactionIsRolledBackWithTheRefusedEntry() {
        stores.users().put(tenant, new User("ann", "ann@example.com", null, null, null, NOW));
        stores.devices().register(tenant, new Device("ann", PushPlatform.FCM, "tok-ann", NOW));
        String target = "user:refused-" + tenant.value();
        refuseEntriesFor(target);

        assertThatThrownBy(() -> audited.run(caller, () -> stores.users().delete(tenant, "ann"),
                deleted -> Audited.of(AuditAction.USER_DELETED, target))).isInstanceOf(DataAccessException.class);

        // The user, their device and their token generation are all as before.
        assertThat(stores.users().find(tenant, "ann")).isPresent();
        assertThat(stores.devices().devicesOf(tenant, "ann")).hasSize(1);
        assertThat(stores.users().current(tenant, "ann")).isZero();
        assertThat(entries()).isEmpty();
    }

    @Test
    void aChangeThatFailsLeavesNoEntryAndNothingOfItsEarlierWrites() {
        TemplateKey key = new TemplateKey("order.shipped", Channel.EMAIL, "default");

        // The type is written, then the template's text does not fit its column: the database refuses it.
        assertThatThrownBy(() -> audited.run(caller, () -> {
            stores.types().put(tenant, type("order.shipped"));
            return stores.templates().createVersion(tenant, key, null, "x".repeat(20_001), null, NOW);
        }, version -> Audited.of(AuditAction.TEMPLATE_VERSION_CREATED, "template:order.shipped/EMAIL/default")))
                .isInstanceOf(DataAccessException.class);

        assertThat(stores.types().find(tenant, "order.shipped")).isEmpty();
        assertThat(stores.templates().versions(tenant, key)).isEmpty();
        assertThat(entries()).isEmpty();
    }

    @Test
    void aChangeThatFindsNothingRecordsNothing() {
        boolean deleted = audited.run(caller, () -> stores.types().delete(tenant, "no.such"),
                gone -> gone ? Audited.of(AuditAction.TYPE_DELETED, "type:no.such") : Audited.NOTHING);

        assertThat(deleted).isFalse();
        assertThat(entries()).isEmpty();
    }
}
