package dev.herald.core.fanout;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.broadcast.PlannedChunk;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.intake.BroadcastIntake;
import dev.herald.core.intake.BulkIntakeGate;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.Priority;
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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fans broadcasts out in the background (worker nodes). Each round takes the lease on one broadcast with work and
 * does one step of it: plans one chunk of subscribers and writes it with the cursor in one transaction, or cancels
 * one batch of its notifications. A node that dies mid-broadcast leaves the cursor at its last committed chunk; the
 * next runner to take the lapsed lease goes on from there, so no subscriber is planned twice or skipped.
 * <p>
 * It yields to transactional traffic: while urgent notifications are arriving ({@link BulkIntakeGate#yielding}) it
 * rests {@code yieldFactor} times as long as its last chunk took before the next, so it keeps a bounded share of the
 * machine (half with the default 1) instead of none; its deliveries go on the LOW lane.
 */
public final class BroadcastRunner {
    private static final System.Logger LOG = System.getLogger(BroadcastRunner.class.getName());

    /** What a round did, which decides how long the runner waits before the next. */
    public enum Round { PLANNED_CHUNK, FINISHED, CANCELLED_BATCH, IDLE, LOST_LEASE, FAILED }

    /**
     * @param chunkSize   subscribers planned per transaction
     * @param lease       how long a runner holds a broadcast without writing before another may take it over
     * @param idle        how long to wait when no broadcast has work
     * @param yieldFactor while urgent traffic arrives, the rest after a chunk, as a multiple of the chunk's time
     * @param cancelBatch notifications cancelled per round when a broadcast is cancelled
     */
    public record Settings(int chunkSize, Duration lease, Duration idle, int yieldFactor, int cancelBatch) {
        public Settings {
            if (chunkSize < 1 || cancelBatch < 1) {
                throw new IllegalArgumentException("chunkSize and cancelBatch must be at least 1");
            }
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
    private Duration lastChunk = Duration.ZERO;
    /** The broadcast whose lease this runner holds between rounds, released when the runner stops. */
    private volatile UUID held;
    private ScheduledExecutorService scheduler;

    public BroadcastRunner(BroadcastStore broadcasts, TopicStore topics, BroadcastIntake intake,
                           NotificationStore notifications, BulkIntakeGate gate, LaneSignals signals, Clock clock,
                           String owner, Settings settings) {
        this.broadcasts = broadcasts;
        this.topics = topics;
        this.intake = intake;
        this.notifications = notifications;
        this.gate = gate;
        this.signals = signals;
        this.clock = clock;
        this.owner = owner;
        this.settings = settings;
    }

    /** One step of the oldest broadcast with work that no other runner holds. */
    public Round runOnce() {
        Instant now = clock.instant();
        try {
            Optional<Broadcast> claimed = broadcasts.claim(owner, now, now.plus(settings.lease()));
            if (claimed.isEmpty()) {
                return Round.IDLE;
            }
            Broadcast broadcast = claimed.get();
            held = broadcast.id();
            return switch (broadcast.state()) {
                case PLANNING -> planNextChunk(broadcast);
                case CANCELLING -> cancelNextBatch(broadcast);
                case PLANNED, STOPPED, CANCELLED -> Round.IDLE;
            };
        } catch (RuntimeException e) {
            // The cursor only moves with a committed chunk: whatever failed is tried again after the pause.
            LOG.log(Level.WARNING, "broadcast round failed, tried again: {0}", FailureKind.of(e));
            return Round.FAILED;
        }
    }

    private Round planNextChunk(Broadcast broadcast) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        if (broadcast.total() == null && !broadcasts.counted(broadcast.id(), owner,
                topics.count(broadcast.tenant(), broadcast.topic(), broadcast.lastPosition()), lease(now))) {
            return Round.LOST_LEASE;
        }
        List<Subscriber> chunk = topics.walk(broadcast.tenant(), broadcast.topic(), broadcast.cursor(),
                broadcast.lastPosition(), settings.chunkSize());
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
        boolean last = chunk.size() < settings.chunkSize() || planned.cursor() >= broadcast.lastPosition();
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
        String after = broadcasts.cancelledAfter(broadcast.id()).orElse(null);
        List<BroadcastStore.Member> members = broadcasts.members(broadcast.id(), after, settings.cancelBatch());
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
            case CANCELLED_BATCH, FINISHED -> Duration.ZERO;
            case IDLE, LOST_LEASE, FAILED -> settings.idle();
        };
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-broadcasts");
            t.setDaemon(true);
            return t;
        });
        scheduler.execute(this::loop);
    }

    private void loop() {
        ScheduledExecutorService current;
        synchronized (this) {
            current = scheduler;
        }
        if (current == null) {
            return;
        }
        Duration pause = pauseAfter(runOnce());
        try {
            current.schedule(this::loop, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stop() shut the scheduler down between rounds.
        }
    }

    /**
     * Lets a round in progress finish (an interrupted write makes H2 close its database file) and frees the lease
     * at once, so another node goes on without waiting for it to lapse.
     */
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = scheduler;
            scheduler = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(15, TimeUnit.SECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
