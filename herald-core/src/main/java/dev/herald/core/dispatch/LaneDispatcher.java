package dev.herald.core.dispatch;

import dev.herald.core.dedup.ContentClaims;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.Priority;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The claim loop of one lane: claims as many due deliveries as it has free send slots (fewer while a bulk lane
 * yields to an urgent one, see {@link LaneShare}), sends each on its own virtual thread, and when the lane is empty
 * waits for a wake-up or a poll interval that doubles while idle.
 */
final class LaneDispatcher implements Runnable {
    private static final System.Logger LOG = System.getLogger(LaneDispatcher.class.getName());

    private final Priority lane;
    private final DeliveryQueue queue;
    private final DeliverySender sender;
    private final LaneSignals signals;
    private final LaneShare share;
    private final DispatchSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final Semaphore slots;
    private volatile boolean running = true;

    LaneDispatcher(Priority lane, DeliveryQueue queue, DeliverySender sender, LaneSignals signals, LaneShare share,
                   DispatchSettings settings, Clock clock, Executor executor) {
        this.share = share;
        this.lane = lane;
        this.queue = queue;
        this.sender = sender;
        this.signals = signals;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.slots = new Semaphore(settings.concurrency(lane));
    }

    @Override
    public void run() {
        Duration idle = settings.minPoll();
        while (running) {
            try {
                slots.acquire();
                if (!running) {
                    slots.release();
                    return;
                }
                int free = 1 + slots.drainPermits();
                int room = share.room(lane);
                if (room == 0) {
                    // A bulk lane holding back while an urgent lane is busy: claim again once it may.
                    slots.release(free);
                    share.awaitRoom(lane, settings.maxPoll().toMillis());
                    continue;
                }
                List<ClaimedDelivery> batch = claim(Math.min(Math.min(free, room), settings.batchSize()));
                share.claimed(lane, batch.size());
                slots.release(free - batch.size());
                if (batch.isEmpty()) {
                    if (signals.await(lane, idle)) {
                        share.woken(lane);
                    }
                    idle = idle.multipliedBy(2).compareTo(settings.maxPoll()) > 0 ? settings.maxPoll() : idle.multipliedBy(2);
                    continue;
                }
                idle = settings.minPoll();
                ContentClaims claims = sender.claimContent(batch);
                for (ClaimedDelivery delivery : batch) {
                    try {
                        executor.execute(() -> {
                            try {
                                sender.send(delivery, claims);
                            } finally {
                                slots.release();
                                share.finished(lane);
                            }
                        });
                    } catch (RejectedExecutionException shuttingDown) {
                        // Claimed during shutdown: the lease brings the delivery back after a restart.
                        slots.release();
                        share.finished(lane);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<ClaimedDelivery> claim(int max) throws InterruptedException {
        try {
            return queue.claim(lane, max, clock.instant(), settings.lease(), settings.workerId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "claiming from lane {0} failed, backing off: {1}", lane, FailureKind.of(e));
            signals.await(lane, settings.maxPoll());
            return List.of();
        }
    }

    void stop() {
        running = false;
        signals.wake(lane);
        share.nudge();
    }

    /** Waits until every send this lane started has finished. */
    boolean awaitInFlight(Duration timeout) throws InterruptedException {
        int all = settings.concurrency(lane);
        if (slots.tryAcquire(all, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(all);
            return true;
        }
        return false;
    }
}
