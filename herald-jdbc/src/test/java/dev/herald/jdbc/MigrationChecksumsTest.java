package dev.herald.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that has landed is never edited: every database that ran it keeps Flyway's checksum of it and refuses
 * to start when the file changes. This pins each migration's checksum as Flyway computes it. A new migration is added
 * here with its checksum (the failure message prints it); a changed checksum of an existing one means the change
 * belongs in a new migration instead (CONTRIBUTING.md).
 */
class MigrationChecksumsTest {
    private static final Map<String, Integer> LANDED = new LinkedHashMap<>();

    static {
        LANDED.put("V1__spine.sql", -805669875);
        LANDED.put("V2__channels.sql", -679705942);
        LANDED.put("V3__types.sql", -967579556);
        LANDED.put("V4__claim_fence.sql", 1956898908);
        LANDED.put("V5__user_token_generation.sql", -1122407748);
        LANDED.put("V6__delivery_stats.sql", -803052794);
        LANDED.put("V7__traceparent.sql", -1267910408);
        LANDED.put("V8__delivery_provider_stats.sql", 157650445);
        LANDED.put("V9__recent_failure.sql", 764679067);
        LANDED.put("V10__tenants_and_keys.sql", -1791247176);
        LANDED.put("V11__audit_event.sql", 1164430239);
        LANDED.put("V12__integration.sql", -1470551943);
        LANDED.put("V13__event_dead_letter.sql", -1246863270);
        LANDED.put("V15__status_outbox.sql", -1832335763);
        LANDED.put("V16__console_session_revocation.sql", -812232664);
        LANDED.put("V17__notification_search_index.sql", 1553766523);
        LANDED.put("V18__notification_lane_index.sql", 540659358);
        LANDED.put("V19__suppression.sql", -1498648442);
        LANDED.put("V20__topics_and_broadcasts.sql", 2097259342);
        LANDED.put("V21__workflows.sql", 858743224);
        LANDED.put("V22__failing_rounds_set_aside.sql", 312444026);
        LANDED.put("V23__delivery_events_critical_broadcast_tenant.sql", 1236174973);
        LANDED.put("V24__broadcast_notification_order.sql", -1146099915);
        // V25: tenant_inbound (provider-event settings set through the API).
        LANDED.put("V25__tenant_inbound.sql", -1321855587);
        // V26: delivery_stats slots (one day's counts spread over rows, so writers do not queue on one row lock).
        LANDED.put("V26__delivery_stats_slots.sql", -1379230827);
        // V27: tenant_signing_key replaces tenant_secret (keys numbered per purpose, rotated and retired).
        LANDED.put("V27__tenant_signing_keys.sql", 547301803);
    }

    @Test
    void everyMigrationIsPinnedAndNoneWasEdited() {
        MigrationInfo[] found = Flyway.configure()
                .dataSource("jdbc:h2:mem:migration-checksums;DB_CLOSE_DELAY=-1", "sa", "")
                .locations("classpath:db/migration")
                .load().info().all();
        Map<String, Integer> actual = Arrays.stream(found).collect(Collectors.toMap(MigrationInfo::getScript,
                MigrationInfo::getChecksum, (a, b) -> a, LinkedHashMap::new));

        assertThat(actual).as("""
                Flyway's checksums of the migrations. A landed migration is never edited: put the change in a new
                migration. A new migration is pinned in MigrationChecksumsTest.LANDED with the checksum shown here.""")
                .containsExactlyEntriesOf(LANDED);
    }
}
