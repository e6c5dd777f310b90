package dev.herald.core.audit;

import dev.herald.core.clock.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditRetentionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void prunesBatchesOlderThanTheRetentionUntilLessThanABatchGoes() {
        Batches trail = new Batches(AuditRetention.BATCH, AuditRetention.BATCH, 7);

        int gone = new AuditRetention(trail, Duration.ofDays(400), new SettableClock(NOW)).prune();

        assertThat(gone).isEqualTo(2 * AuditRetention.BATCH + 7);
        assertThat(trail.befores).hasSize(3).containsOnly(NOW.minus(Duration.ofDays(400)));
    }

    @Test
    void aRetentionOfNothingIsRefused() {
        assertThatThrownBy(() -> new AuditRetention(new Batches(), Duration.ZERO, new SettableClock(NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actionNamesAreDottedUniqueAndParseBack() {
        assertThat(AuditAction.allNames()).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z-]+\\.[a-z-]+"));
        for (AuditAction action : AuditAction.values()) {
            if (action != AuditAction.UNKNOWN) {
                assertThat(AuditAction.parse(action.dotted())).contains(action);
            }
        }
        assertThat(AuditAction.parse("unknown")).as("only reading makes UNKNOWN").isEmpty();
        assertThat(AuditAction.allNames()).doesNotContain("unknown");
        assertThat(AuditAction.parse("template.updated")).isEmpty();
        // Stored names: renaming one orphans every entry written under it.
        assertThat(AuditAction.TEMPLATE_ACTIVATED.dotted()).isEqualTo("template.activated");
        assertThat(AuditAction.USER_DELETED.dotted()).isEqualTo("user.deleted");
        assertThat(AuditAction.DLQ_RETRIED.dotted()).isEqualTo("dlq.retried");
    }

    @Test
    void aSummaryListsPairsInOrderAndLeavesNullsOut() {
        assertThat(AuditSummary.of("version", 3).and("locale", null).and("channels", List.of("EMAIL", "SMS"))
                .toString()).isEqualTo("version=3, channels=[EMAIL, SMS]");
        assertThat(AuditSummary.none()).isEmpty();
    }

    /** Deletes the given counts in turn, then nothing. */
    private static final class Batches implements AuditTrail {
        private final Deque<Integer> counts = new ArrayDeque<>();
        final List<Instant> befores = new ArrayList<>();

        Batches(Integer... counts) {
            this.counts.addAll(List.of(counts));
        }

        @Override
        public void record(AuditEntry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AuditPage list(AuditQuery query, int limit, UUID after) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int prune(Instant before, int max) {
            befores.add(before);
            return counts.isEmpty() ? 0 : counts.pop();
        }
    }
}
