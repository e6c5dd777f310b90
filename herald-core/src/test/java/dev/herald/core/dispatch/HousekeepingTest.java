package dev.herald.core.dispatch;

import dev.herald.core.audit.AuditPage;
import dev.herald.core.audit.AuditQuery;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditRetention;
import dev.herald.core.audit.AuditTrail;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.stats.RecentFailurePage;
import dev.herald.core.stats.RecentFailures;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final TenantId TENANT = TenantId.defaultTenant();

    private final SettableClock clock = new SettableClock(NOW);
    private final LaneSignals signals = new LaneSignals();

    @Test
    void theDedupSweepGoesOnWhileFullBatchesComeBack() {
        SweepCounts guard = new SweepCounts(Housekeeping.SWEEP_BATCH, Housekeeping.SWEEP_BATCH, 3);
        Housekeeping housekeeping = housekeeping(new Digests(List.of()), guard);

        housekeeping.sweepDedup();

        assertThat(guard.calls).isEqualTo(3);
    }

    @Test
    void aFailedSweepIsLeftForTheNextRound() {
        SweepCounts guard = new SweepCounts();
        Housekeeping housekeeping = housekeeping(new Digests(List.of()), guard);

        housekeeping.sweepDedup();

        assertThat(guard.calls).isEqualTo(1);
    }

    @Test
    void aDigestThatCannotBeCollapsedDoesNotHoldBackTheOthersAndTheirLaneIsWoken() throws InterruptedException {
        DigestStore.DigestRef broken = new DigestStore.DigestRef(TENANT, "broken");
        DigestStore.DigestRef fine = new DigestStore.DigestRef(TENANT, "fine");
        Digests digests = new Digests(List.of(broken, fine));
        Housekeeping housekeeping = housekeeping(digests, new SweepCounts());

        housekeeping.collapseDigests();

        assertThat(digests.tried).containsExactly(broken, fine);
        assertThat(signals.await(Priority.LOW, Duration.ZERO)).isTrue();
    }

    @Test
    void startsOnceAndStops() {
        Housekeeping housekeeping = housekeeping(new Digests(List.of()), new SweepCounts());

        housekeeping.start();
        housekeeping.start();
        assertThat(housekeeping.isRunning()).isTrue();
        housekeeping.stop();

        assertThat(housekeeping.isRunning()).isFalse();
    }

    private Housekeeping housekeeping(DigestStore digests, DedupGuard guard) {
        return housekeeping(digests, guard, new ForgetCounts());
    }

    private Housekeeping housekeeping(DigestStore digests, DedupGuard guard, RecentFailures failures) {
        return new Housekeeping(digests, guard, failures, new IdGenerator(clock), signals, clock,
                Duration.ofSeconds(5), new AuditRetention(prunes, Duration.ofDays(400), clock));
    }

    @Test
    void failuresOlderThanTheRetentionAreForgottenWhileFullBatchesComeBack() {
        ForgetCounts failures = new ForgetCounts(Housekeeping.SWEEP_BATCH, 7);
        Housekeeping housekeeping = housekeeping(new Digests(List.of()), new SweepCounts(), failures);

        housekeeping.forgetOldFailures();

        assertThat(failures.cutoffs).hasSize(2).containsOnly(clock.instant().minus(Housekeeping.FAILURE_RETENTION));
    }

    @Test
    void aFailedForgettingIsLeftForTheNextRound() {
        ForgetCounts failures = new ForgetCounts();
        Housekeeping housekeeping = housekeeping(new Digests(List.of()), new SweepCounts(), failures);

        housekeeping.forgetOldFailures();

        assertThat(failures.cutoffs).hasSize(1);
    }

    /** Answers the given counts in turn, then fails (as a database that went away). */
    private static final class ForgetCounts implements RecentFailures {
        private final Deque<Integer> answers;
        private final List<Instant> cutoffs = new ArrayList<>();

        ForgetCounts(Integer... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public RecentFailurePage list(TenantId tenant, int limit, UUID before) {
            throw new UnsupportedOperationException("housekeeping does not list");
        }

        @Override
        public int forgetBefore(Instant cutoff, int max) {
            cutoffs.add(cutoff);
            if (answers.isEmpty()) {
                throw new IllegalStateException("database gone");
            }
            return answers.poll();
        }
    }

    @Test
    void auditPruningFailingIsLoggedAndTriedAgainLater() {
        prunes.failing = true;
        Housekeeping housekeeping = housekeeping(new Digests(List.of()), new SweepCounts());

        housekeeping.pruneAudit();
        prunes.failing = false;
        housekeeping.pruneAudit();

        assertThat(prunes.calls).isEqualTo(2);
        assertThat(prunes.before).isEqualTo(NOW.minus(Duration.ofDays(400)));
    }

    private final Prunes prunes = new Prunes();

    /** Counts prunes; fails while told to. */
    private static final class Prunes implements AuditTrail {
        boolean failing;
        int calls;
        Instant before;

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
            calls++;
            this.before = before;
            if (failing) {
                throw new IllegalStateException("database down");
            }
            return 0;
        }
    }

    /** Due digests once; "broken" fails to collapse, any other collapses into a LOW delivery. */
    private static final class Digests implements DigestStore {
        private final List<DigestRef> due;
        private final List<DigestRef> tried = new ArrayList<>();

        Digests(List<DigestRef> due) {
            this.due = due;
        }

        @Override
        public List<DigestRef> dueDigests(Instant now, int max) {
            return tried.isEmpty() ? due : List.of();
        }

        @Override
        public Optional<Collapsed> collapse(DigestRef digest, Instant now, UUID newDeliveryId, Renderer renderer) {
            tried.add(digest);
            if (digest.key().equals("broken")) {
                throw new IllegalStateException("lock timeout");
            }
            return Optional.of(new Collapsed(newDeliveryId, Priority.LOW, 2));
        }
    }

    /** Answers each sweep with the next count; with none left, the store is down. */
    private static final class SweepCounts implements DedupGuard {
        private final Deque<Integer> counts;
        private int calls;

        SweepCounts(Integer... counts) {
            this.counts = new ArrayDeque<>(List.of(counts));
        }

        @Override
        public int sweep(Instant now, int max) {
            calls++;
            if (counts.isEmpty()) {
                throw new IllegalStateException("database unreachable");
            }
            return counts.pop();
        }

        @Override
        public Claim claim(TenantId tenant, String contentHash, UUID deliveryId, Duration window, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void countSuppressed(TenantId tenant, Channel channel, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<Channel, Long> suppressedSince(TenantId tenant, LocalDate since) {
            throw new UnsupportedOperationException();
        }
    }
}
