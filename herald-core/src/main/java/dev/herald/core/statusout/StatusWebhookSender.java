package dev.herald.core.statusout;

import dev.herald.core.clock.Background;
import dev.herald.core.clock.RepeatingRound;
import dev.herald.core.model.FailureKind;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Posts pending status-webhook calls. Each call runs on its own virtual thread with the poster's deadline, and a
 * round never waits for the calls it started. One endpoint has at most {@code perEndpoint} calls in flight (the
 * rest of its claimed calls are deferred, no attempt counted), so a slow endpoint holds only a few of the
 * {@code inFlight} slots, and a failing one is retried with exponential backoff: neither stalls the others.
 * 2xx forgets the call; 410 disables the endpoint; anything else is tried again after {@code firstBackoff} × 2^n
 * (at most {@code maxBackoff}) until {@code maxAttempts}, then given up.
 */
public final class StatusWebhookSender implements Background {
    private static final System.Logger LOG = System.getLogger(StatusWebhookSender.class.getName());

    private final StatusWebhookStore store;
    private final StatusWebhookPoster poster;
    private final Clock clock;
    private final Settings settings;
    private final Semaphore slots;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    /** Calls in flight per endpoint; an endpoint leaves the map when its last call ends, so it never grows with
     * endpoints that were called once. */
    private final Map<UUID, Integer> busy = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    /**
     * @param lease       how long a started call is held; longer than the poster's deadline
     * @param inFlight    calls at once, over all endpoints
     * @param perEndpoint calls at once to one endpoint
     */
    public record Settings(Duration poll, Duration lease, int inFlight, int perEndpoint, Duration firstBackoff,
                           Duration maxBackoff, int maxAttempts) {
    }

    public StatusWebhookSender(StatusWebhookStore store, StatusWebhookPoster poster, Clock clock, Settings settings) {
        this.store = store;
        this.poster = poster;
        this.clock = clock;
        this.settings = settings;
        this.slots = new Semaphore(settings.inFlight());
    }

    /** Starts the calls that are due and free slots allow; returns how many were started. */
    public int sendDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<StatusWebhookCall> due;
        try {
            due = store.claimDue(now, free, now.plus(settings.lease()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status webhook calls could not be claimed: {0}", FailureKind.of(e));
            return 0;
        }
        int started = 0;
        for (StatusWebhookCall call : due) {
            UUID endpoint = call.endpointId();
            if (!enter(endpoint)) {
                deferBusy(call, now);
                continue;
            }
            slots.acquireUninterruptibly();
            try {
                calls.execute(() -> {
                    try {
                        post(call);
                    } finally {
                        leave(endpoint);
                        slots.release();
                    }
                });
                started++;
            } catch (RuntimeException rejected) {
                // Stopping: the call's lease lapses and it is taken again.
                leave(endpoint);
                slots.release();
            }
        }
        return started;
    }

    /** Takes one of the endpoint's {@code perEndpoint} places; false when all are taken. */
    private boolean enter(UUID endpoint) {
        boolean[] entered = {false};
        busy.compute(endpoint, (id, calls) -> {
            int now = calls == null ? 0 : calls;
            if (now >= settings.perEndpoint()) {
                return calls;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    private void leave(UUID endpoint) {
        busy.computeIfPresent(endpoint, (id, calls) -> calls <= 1 ? null : calls - 1);
    }

    /** Its endpoint is busy: looked at again after a few polls, behind what is due before then. */
    private void deferBusy(StatusWebhookCall call, Instant now) {
        try {
            store.defer(call.id(), now.plus(settings.poll().multipliedBy(4)));
        } catch (RuntimeException e) {
            // The call's lease lapses and it is taken again.
            LOG.log(Level.WARNING, "status webhook call not deferred: {0}", FailureKind.of(e));
        }
    }

    private void post(StatusWebhookCall call) {
        try {
            StatusWebhookPoster.Answer answer = poster.post(call);
            Instant now = clock.instant();
            switch (answer) {
                case StatusWebhookPoster.Answer.Taken taken -> store.done(call.id());
                case StatusWebhookPoster.Answer.Gone gone ->
                        store.disable(call.event().tenant(), call.endpointId(), "HTTP 410 Gone", now);
                case StatusWebhookPoster.Answer.Failed failed -> failed(call, failed.reason(), now);
            }
        } catch (RuntimeException e) {
            // The call's lease lapses and it is taken again.
            LOG.log(Level.WARNING, "status webhook call not recorded: {0}", FailureKind.of(e));
        }
    }

    private void failed(StatusWebhookCall call, String reason, Instant now) {
        int attempts = call.attempt() + 1;
        if (attempts >= settings.maxAttempts()) {
            LOG.log(Level.WARNING, "status webhook call {0} given up after {1} attempts", call.id(), attempts);
            store.done(call.id());
            return;
        }
        store.retryAt(call.id(), now.plus(backoff(attempts)), reason);
    }

    /** The wait after the {@code attempts}-th failed attempt. */
    Duration backoff(int attempts) {
        Duration wait = settings.firstBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-status-webhooks");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::sendDue, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = scheduler;
            scheduler = null;
        }
        if (stopping != null) {
            // Not interrupted: see RepeatingRound.finish. Calls in flight finish on their own threads.
            RepeatingRound.finish(stopping);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
