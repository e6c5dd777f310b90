package dev.herald.testkit;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditPage;
import dev.herald.core.audit.AuditQuery;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.herald.core.audit.AuditTrail} must do: record, list newest first by page, filter, prune. */
public abstract class AuditTrailContract extends StoreContract {
    private static final UUID KEY = UUID.fromString("00000000-0000-7000-8000-00000000000a");

    private AuditEntry record(TenantId tenant, AuditAction action, String target, Instant at) {
        AuditEntry entry = new AuditEntry(ids.next(), at, tenant, KEY, action, target, "version=1");
        stores.audit().record(entry);
        return entry;
    }

    private static AuditQuery all(TenantId tenant) {
        return AuditQuery.ofTenant(tenant, null, null, null);
    }

    @Test
    void anEntryReadsBackAsRecorded() {
        AuditEntry entry = record(TENANT, AuditAction.TEMPLATE_ACTIVATED, "template:order.shipped/EMAIL/default", T0);
        AuditEntry installation = new AuditEntry(ids.next(), T0, TENANT, null, AuditAction.API_KEY_REVOKED,
                "api-key:" + UUID.randomUUID(), "");
        stores.audit().record(installation);

        assertThat(stores.audit().list(all(TENANT), 10, null).items()).containsExactly(installation, entry);
    }

    @Test
    void entriesListNewestFirstAndPageWithoutGapsOrRepeats() {
        List<AuditEntry> recorded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Pairs share an instant: the id orders them, and the page boundary may fall between them.
            recorded.add(record(TENANT, AuditAction.TYPE_UPDATED, "type:t" + i, T0.plusSeconds(i / 2)));
        }

        List<AuditEntry> seen = new ArrayList<>();
        UUID cursor = null;
        int pages = 0;
        do {
            AuditPage page = stores.audit().list(all(TENANT), 3, cursor);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(recorded.reversed());
    }

    @Test
    void aFullLastPageSaysThereIsNoNext() {
        record(TENANT, AuditAction.TYPE_CREATED, "type:a", T0);
        record(TENANT, AuditAction.TYPE_CREATED, "type:b", T0.plusSeconds(1));

        AuditPage page = stores.audit().list(all(TENANT), 2, null);

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void fromIsInclusiveToIsExclusiveAndActionFilters() {
        AuditEntry early = record(TENANT, AuditAction.TYPE_CREATED, "type:a", T0);
        AuditEntry middle = record(TENANT, AuditAction.USER_DELETED, "user:x", T0.plus(Duration.ofHours(1)));
        AuditEntry late = record(TENANT, AuditAction.TYPE_CREATED, "type:b", T0.plus(Duration.ofHours(2)));

        assertThat(stores.audit().list(AuditQuery.ofTenant(TENANT, T0.plus(Duration.ofHours(1)),
                T0.plus(Duration.ofHours(2)), null), 10, null).items()).containsExactly(middle);
        assertThat(stores.audit().list(AuditQuery.ofTenant(TENANT, null, null, AuditAction.TYPE_CREATED), 10, null)
                .items()).containsExactly(late, early);
        assertThat(stores.audit().list(AuditQuery.ofTenant(TENANT, T0.plusSeconds(1), null,
                AuditAction.TYPE_CREATED), 10, null).items()).containsExactly(late);
    }

    @Test
    void anotherTenantSeesNothingAndCannotUseAnEntryAsCursor() {
        AuditEntry mine = record(TENANT, AuditAction.TYPE_CREATED, "type:a", T0);
        record(TENANT, AuditAction.TYPE_CREATED, "type:b", T0.minusSeconds(1));

        assertThat(stores.audit().list(all(OTHER_TENANT), 10, null).items()).isEmpty();
        assertThat(stores.audit().list(all(OTHER_TENANT), 10, mine.id()).items()).isEmpty();
    }

    @Test
    void theOperatorsQuerySeesEveryTenant() {
        AuditEntry mine = record(TENANT, AuditAction.TYPE_CREATED, "type:a", T0);
        AuditEntry theirs = record(OTHER_TENANT, AuditAction.TYPE_CREATED, "type:a", T0.plusSeconds(1));

        assertThat(stores.audit().list(AuditQuery.everyTenant(null, null, null), 10, null).items())
                .containsExactly(theirs, mine);
    }

    @Test
    void pruningDeletesOnlyOlderEntriesOfEveryTenantUpToTheBatch() {
        record(TENANT, AuditAction.TYPE_CREATED, "type:a", T0);
        record(OTHER_TENANT, AuditAction.TYPE_CREATED, "type:b", T0.plusSeconds(1));
        record(TENANT, AuditAction.TYPE_CREATED, "type:c", T0.plusSeconds(2));
        AuditEntry kept = record(TENANT, AuditAction.TYPE_CREATED, "type:d", T0.plusSeconds(3));

        assertThat(stores.audit().prune(T0.plusSeconds(3), 2)).isEqualTo(2);
        assertThat(stores.audit().prune(T0.plusSeconds(3), 2)).isEqualTo(1);
        assertThat(stores.audit().prune(T0.plusSeconds(3), 2)).isZero();

        assertThat(stores.audit().list(AuditQuery.everyTenant(null, null, null), 10, null).items())
                .containsExactly(kept);
    }

    @Test
    void aCursorWhoseEntryWasPrunedEndsTheListing() {
        AuditEntry old = record(TENANT, AuditAction.TYPE_CREATED, "type:a", T0);
        record(TENANT, AuditAction.TYPE_CREATED, "type:b", T0.minusSeconds(5));
        stores.audit().prune(T0.plusSeconds(1), 10);

        assertThat(stores.audit().list(all(TENANT), 10, old.id()).items()).isEmpty();
    }

    @Test
    void targetAndSummaryAreCutToTheirColumnsWithoutControlCharacters() {
        AuditEntry entry = new AuditEntry(ids.next(), T0, TENANT, KEY, AuditAction.TYPE_UPDATED,
                "type:" + "t".repeat(400) + "\u0000", "channels=\u0000" + "x".repeat(2000));
        stores.audit().record(entry);

        AuditEntry read = stores.audit().list(all(TENANT), 1, null).items().getFirst();
        assertThat(read.target()).startsWith("type:t").doesNotContain("\u0000").hasSizeLessThanOrEqualTo(300);
        assertThat(read.summary()).startsWith("channels=").doesNotContain("\u0000").hasSizeLessThanOrEqualTo(1000);
    }
}
