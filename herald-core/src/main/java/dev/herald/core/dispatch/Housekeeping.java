package dev.herald.core.dispatch;

import dev.herald.core.audit.AuditRetention;
import dev.herald.core.clock.Background;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.RepeatingRound;
import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.digest.DigestContent;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.digest.DigestStore.DigestRef;
import dev.herald.core.model.FailureKind;
import dev.herald.core.stats.RecentFailures;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic work a worker does besides sending: merging digests whose window has closed (every
 * {@code digestEvery}), forgetting dedup hashes whose window has passed and recent failures older than
 * {@link #FAILURE_RETENTION} (bounded batches once a minute, so it never competes with the dispatchers for long), and
 * deleting audit entries past their retention (hourly).
 */
public final class Housekeeping implements Background {
    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());
    static final int SWEEP_BATCH = 10_000;
    static final int DIGEST_BATCH = 100;
    // A backlog of closed digests is worked off over several rounds rather than in one long pass.
    private static final int DIGEST_ROUNDS = 20;
    /** How long the dashboard's list of recent failures reaches back. */
    public static final Duration FAILURE_RETENTION = Duration.ofDays(30);

    private final DigestStore digests;
    private final DedupGuard dedup;
    private final RecentFailures failures;
    private final IdGenerator ids;
    private final LaneSignals signals;
    private final Clock clock;
    private final Duration digestEvery;
    private final AuditRetention auditRetention;
    private final DigestContent digestContent = new DigestContent();
    private ScheduledExecutorService scheduler;

    public Housekeeping(DigestStore digests, DedupGuard dedup, RecentFailures failures, IdGenerator ids,
                        LaneSignals signals, Clock clock, Duration digestEvery, AuditRetention auditRetention) {
        this.digests = digests;
        this.dedup = dedup;
        this.failures = failures;
        this.ids = ids;
        this.signals = signals;
        this.clock = clock;
        this.digestEvery = digestEvery;
        this.auditRetention = auditRetention;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-housekeeping");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::sweepDedup, 1, 1, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(this::forgetOldFailures, 1, 1, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(this::collapseDigests, digestEvery.toMillis(), digestEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::pruneAudit, 1, 60, TimeUnit.MINUTES);
    }

    /**
     * Lets a round in progress finish (bounded) before the scheduler goes: interrupting a thread in the middle of a
     * write makes H2 close its database file, which would break every later write of the process.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            RepeatingRound.finish(scheduler);
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Turns every closed digest into its one delivery and wakes that lane. */
    public void collapseDigests() {
        try {
            List<DigestRef> due;
            int rounds = 0;
            do {
                due = digests.dueDigests(clock.instant(), DIGEST_BATCH);
                for (DigestRef digest : due) {
                    try {
                        digests.collapse(digest, clock.instant(), ids.next(), digestContent::render)
                                .ifPresent(collapsed -> signals.wake(collapsed.lane()));
                    } catch (RuntimeException e) {
                        // One digest failing must not hold back the others; it is tried again next round.
                        LOG.log(Level.WARNING, "digest {0} could not be collapsed: {1}", digest.key().hashCode(),
                                FailureKind.of(e));
                    }
                }
            } while (due.size() == DIGEST_BATCH && ++rounds < DIGEST_ROUNDS);
        } catch (RuntimeException e) {
            // The items stay in place; the next round merges them.
            LOG.log(Level.WARNING, "digest collapse failed: {0}", FailureKind.of(e));
        }
    }

    /** Forgets expired dedup hashes, a batch at a time until none is left. */
    public void sweepDedup() {
        try {
            int gone;
            do {
                gone = dedup.sweep(clock.instant(), SWEEP_BATCH);
            } while (gone == SWEEP_BATCH);
        } catch (RuntimeException e) {
            // Next minute will try again; a failed sweep only leaves expired hashes a little longer.
            LOG.log(Level.WARNING, "dedup sweep failed: {0}", FailureKind.of(e));
        }
    }

    /** Forgets recent failures older than {@link #FAILURE_RETENTION}, a batch at a time until none is left. */
    public void forgetOldFailures() {
        try {
            int gone;
            do {
                gone = failures.forgetBefore(clock.instant().minus(FAILURE_RETENTION), SWEEP_BATCH);
            } while (gone == SWEEP_BATCH);
        } catch (RuntimeException e) {
            // Next minute will try again; the list only reaches back a little further meanwhile.
            LOG.log(Level.WARNING, "forgetting old failures failed: {0}", FailureKind.of(e));
        }
    }

    /** Deletes audit entries older than the retention. */
    public void pruneAudit() {
        try {
            auditRetention.prune();
        } catch (RuntimeException e) {
            // The next hour tries again; entries are only kept a little longer.
            LOG.log(Level.WARNING, "audit pruning failed: {0}", FailureKind.of(e));
        }
    }
}
