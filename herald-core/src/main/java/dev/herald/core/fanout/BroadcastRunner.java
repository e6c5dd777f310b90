package dev.herald.core.fanout;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastFailedException;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.broadcast.PlannedChunk;
import dev.herald.core.clock.Background;
import dev.herald.core.clock.RepeatingRound;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.intake.BroadcastIntake;
import dev.herald.core.intake.BulkIntakeGate;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.PassingFailures;
import dev.herald.core.model.Priority;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.topics.Subscriber;
import dev.herald.core.topics.TopicStore;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Fans broadcasts out in the background (worker nodes). Each round takes the lease on one broadcast with work and
 * does one step of it: plans one chunk of subscribers and writes it with the cursor in one transaction, or cancels
 * one batch of its notifications. A node that dies mid-broadcast leaves the cursor at its last committed chunk; the
 * next runner to take the lapsed lease goes on from there, so no subscriber is planned twice or skipped.
 * <p>
 * It yields to transactional traffic: while urgent notifications are arriving ({@link BulkIntakeGate#yielding}) it
 * plans smaller chunks ({@code yieldingChunkSize}) and rests {@code yieldFactor} times as long as its last chunk took
 * before the next, so it keeps a bounded share of the machine (half with the default 1) instead of none; its
 * deliveries go on the LOW lane. The smaller chunk is for the urgent notifications' own writes: where the database
 * has one writer (H2), an urgent save waits for the chunk being written, and at 500 notifications a chunk that
 * wait alone set CRITICAL's p99 at a million subscribers (BENCHMARKS.md).
 * <p>
 * A round that fails is recorded on its broadcast alone ({@link BroadcastStore#failed}): the broadcast waits a growing
 * backoff while the next round takes the next broadcast, and after its last attempt it is set aside (FAILED, with the
 * kind of failure), its planned chunks left as they are. A failure that passes by itself ({@link PassingFailures}: the
 * database down or restarting) waits the same backoff but uses up no attempt.
 */
public final class BroadcastRunner implements Background {
    private static final System.Logger LOG = System.getLogger(BroadcastRunner.class.getName());

    /** What a round did, which decides how long the runner waits before the next. */
    public enum Round {
        PLANNED_CHUNK, FINISHED, CANCELLED_BATCH, IDLE, LOST_LEASE,
        /** The broadcast's round failed, and that was recorded on it: the next round takes another at once. */
        SET_BACK,
        /** The round failed before a broadcast was taken, or recording its failure did (the database, then). */
        FAILED
    }

    /**
     * @param chunkSize   subscribers planned per transaction
     * @param lease       how long a runner holds a broadcast without writing before another may take it over
     * @param idle        how long to wait when no broadcast has work
     * @param yieldFactor while urgent traffic arrives, the rest after a chunk, as a multiple of the chunk's time
     * @param cancelBatch notifications cancelled per round when a broadcast is cancelled
     * @param retries     how a broadcast whose rounds fail is tried again and, at last, set aside
     * @param yieldingChunkSize subscribers planned per transaction while urgent traffic arrives (at most
     *                    {@code chunkSize})
     */
    public record Settings(int chunkSize, Duration lease, Duration idle, int yieldFactor, int cancelBatch,
                           RetryThenSetAside retries, int yieldingChunkSize) {
        public Settings {
            if (chunkSize < 1 || cancelBatch < 1 || yieldingChunkSize < 1) {
                throw new IllegalArgumentException("chunkSize, yieldingChunkSize and cancelBatch must be at least 1");
            }
        }

        /** The same chunk size whether or not urgent traffic arrives. */
        public Settings(int chunkSize, Duration lease, Duration idle, int yieldFactor, int cancelBatch,
                        RetryThenSetAside retries) {
            this(chunkSize, lease, idle, yieldFactor, cancelBatch, retries, chunkSize);
        }

        /** Subscribers to plan in the next chunk. */
        int chunkSize(boolean yielding) {
            return yielding ? Math.min(chunkSize, yieldingChunkSize) : chunkSize;
        }
    }

    private final BroadcastStore broadcasts;
    private final TopicStore topics;
    private final BroadcastIntake intake;
    private final NotificationStore notifications;
    private final BulkIntakeGate gate;
    private final LaneSignals signals;
    private final Clock clock;
    private final String owner;
    private final Settings settings;
    private final PassingFailures passing;
    private Duration lastChunk = Duration.ZERO;
    /** The broadcast whose lease this runner holds between rounds, released when the runner stops. */
    private volatile UUID held;
    private final RepeatingRound rounds = new RepeatingRound("herald-broadcasts", () -> pauseAfter(runOnce()));

    public BroadcastRunner(BroadcastStore broadcasts, TopicStore topics, BroadcastIntake intake,
                           NotificationStore notifications, BulkIntakeGate gate, LaneSignals signals, Clock clock,
                           String owner, Settings settings, PassingFailures passing) {
        this.broadcasts = broadcasts;
        this.topics = topics;
        this.intake = intake;
        this.notifications = notifications;
        this.gate = gate;
        this.signals = signals;
        this.clock = clock;
        this.owner = owner;
        this.settings = settings;
        this.passing = passing;
    }

    /** One step of the oldest broadcast with work that no other runner holds. */
    public Round runOnce() {
        Instant now = clock.instant();
        UUID working = null;
        try {
            Optional<Broadcast> claimed = broadcasts.claim(owner, now, now.plus(settings.lease()));
            if (claimed.isEmpty()) {
                return Round.IDLE;
            }
            Broadcast broadcast = claimed.get();
            working = broadcast.id();
            held = working;
            return switch (broadcast.state()) {
                case PLANNING -> planNextChunk(broadcast);
                case CANCELLING -> cancelNextBatch(broadcast);
                case PLANNED, STOPPED, CANCELLED, FAILED, UNKNOWN -> Round.IDLE;
            };
        } catch (BroadcastFailedException unreadable) {
            return setBack(unreadable.broadcast(), RoundFailure.of(unreadable.getCause(), passing), now);
        } catch (RuntimeException e) {
            // The cursor only moves with a committed chunk: whatever failed is tried again.
            return working == null ? failed(e) : setBack(working, RoundFailure.of(e, passing), now);
        }
    }

    private static Round failed(RuntimeException e) {
        LOG.log(Level.WARNING, "broadcast round failed, tried again: {0}", FailureKind.of(e));
        return Round.FAILED;
    }

    /** Records the failure on the broadcast alone, and sets it aside once its attempts are spent. */
    private Round setBack(UUID id, RoundFailure failure, Instant now) {
        try {
            Optional<Setback> setback = broadcasts.failed(id, owner, failure, now, settings.retries());
            if (setback.isEmpty()) {
                return Round.LOST_LEASE;
            }
            Setback s = setback.get();
            if (!s.spent()) {
                LOG.log(Level.WARNING, "broadcast {0} round failed ({1}), tried again at {2}: {3}", id,
                        failure.passing() ? "passing, not counted" : "attempt " + s.attempts(), s.retryAt(),
                        failure.kind());
                return Round.SET_BACK;
            }
            String reason = "set aside after " + s.attempts() + " failed attempts: " + failure.kind();
            if (broadcasts.setAside(id, reason, now)) {
                LOG.log(Level.WARNING, "broadcast {0} {1}", id, reason);
            }
            return Round.SET_BACK;
        } catch (RuntimeException e) {
            // The broadcast is tried again when its lease lapses.
            return failed(e);
        }
    }

    private Round planNextChunk(Broadcast broadcast) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        if (broadcast.total() == null && !broadcasts.counted(broadcast.id(), owner,
                topics.count(broadcast.tenant(), broadcast.topic(), broadcast.lastPosition()), lease(now))) {
            return Round.LOST_LEASE;
        }
        int size = settings.chunkSize(gate.yielding());
        List<Subscriber> chunk = topics.walk(broadcast.tenant(), broadcast.topic(), broadcast.cursor(),
                broadcast.lastPosition(), size);
        if (chunk.isEmpty()) {
            if (topics.find(broadcast.tenant(), broadcast.topic()).isEmpty()) {
                // Deleting a topic removes its subscriptions: the rest of the audience is gone, and saying so
                // beats a PLANNED broadcast whose planned count silently falls short of its total.
                return stopEarly(broadcast, "topic: was deleted while the broadcast was planned, after "
                        + (broadcast.planned() + broadcast.skipped()) + " subscribers", now);
            }
            return finish(broadcast.id(), new PlannedChunk(List.of(), 0, broadcast.cursor()), now);
        }
        PlannedChunk planned;
        try {
            planned = intake.planChunk(broadcast, chunk);
        } catch (InvalidRequestException refused) {
            // The request itself can no longer be sent (it expired, its type lost its channels): no later chunk
            // could be planned either.
            return stopEarly(broadcast, refused.violations().getFirst().field() + ": "
                    + refused.violations().getFirst().message(), now);
        }
        boolean last = chunk.size() < size || planned.cursor() >= broadcast.lastPosition();
        if (!broadcasts.planChunk(broadcast.id(), owner, planned, last, now, lease(now))) {
            return Round.LOST_LEASE;
        }
        if (!planned.notifications().isEmpty()) {
            signals.wake(Priority.LOW);
        }
        lastChunk = Duration.ofNanos(System.nanoTime() - started);
        if (last) {
            broadcasts.release(broadcast.id(), owner);
            return Round.FINISHED;
        }
        return Round.PLANNED_CHUNK;
    }

    private Round stopEarly(Broadcast broadcast, String reason, Instant now) {
        boolean stopped = broadcasts.stop(broadcast.id(), owner, reason, now);
        broadcasts.release(broadcast.id(), owner);
        return stopped ? Round.FINISHED : Round.LOST_LEASE;
    }

    private Round finish(UUID id, PlannedChunk empty, Instant now) {
        boolean written = broadcasts.planChunk(id, owner, empty, true, now, lease(now));
        broadcasts.release(id, owner);
        return written ? Round.FINISHED : Round.LOST_LEASE;
    }

    private Round cancelNextBatch(Broadcast broadcast) {
        Instant now = clock.instant();
        String after = broadcasts.cancelledAfter(broadcast.tenant(), broadcast.id()).orElse(null);
        List<BroadcastStore.Member> members = broadcasts.members(broadcast.tenant(), broadcast.id(), after, settings.cancelBatch());
        for (BroadcastStore.Member member : members) {
            // The same cancellation as DELETE /api/v1/notifications/{id}: what a dispatcher took is left to finish.
            notifications.cancel(broadcast.tenant(), member.notificationId(), now);
        }
        boolean done = members.size() < settings.cancelBatch();
        String upTo = members.isEmpty() ? after : members.getLast().userId();
        if (!broadcasts.cancelledUpTo(broadcast.id(), owner, upTo, done, now, lease(now))) {
            return Round.LOST_LEASE;
        }
        if (done) {
            broadcasts.release(broadcast.id(), owner);
            return Round.FINISHED;
        }
        return Round.CANCELLED_BATCH;
    }

    private Instant lease(Instant now) {
        return now.plus(settings.lease());
    }

    /** How long to wait after a round that ended so. */
    public Duration pauseAfter(Round round) {
        return switch (round) {
            case PLANNED_CHUNK -> gate.yielding() ? lastChunk.multipliedBy(settings.yieldFactor()) : Duration.ZERO;
            case CANCELLED_BATCH, FINISHED, SET_BACK -> Duration.ZERO;
            case IDLE, LOST_LEASE, FAILED -> settings.idle();
        };
    }

    @Override
    public void start() {
        rounds.start(Duration.ZERO);
    }

    /**
     * Lets a round in progress finish (an interrupted write makes H2 close its database file) and frees the lease
     * at once, so another node goes on without waiting for it to lapse.
     */
    @Override
    public void stop() {
        if (!rounds.stop()) {
            return;
        }
        UUID holding = held;
        if (holding != null) {
            try {
                broadcasts.release(holding, owner);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "broadcast lease not released, it lapses by itself: {0}", FailureKind.of(e));
            }
        }
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }
}
