package dev.herald.core.tracking;

import dev.herald.core.dispatch.Outcome;
import dev.herald.core.dispatch.OutcomeListener;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NotificationStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wait mode: blocks a caller until every delivery of a notification is final or the wait runs out. Outcomes
 * recorded in this process wake the waiter at once; a short poll covers outcomes written by other nodes.
 */
public final class CompletionWaiter implements OutcomeListener {
    private static final Duration POLL = Duration.ofMillis(250);

    private final NotificationStore store;
    private final Clock clock;
    private final Map<UUID, Set<Semaphore>> waiters = new ConcurrentHashMap<>();

    public CompletionWaiter(NotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The notification as it stands when it completed or when the wait ran out. */
    public Optional<NotificationView> await(TenantId tenant, UUID notificationId, Duration timeout)
            throws InterruptedException {
        Semaphore signal = new Semaphore(0);
        waiters.compute(notificationId, (id, set) -> {
            Set<Semaphore> signals = set == null ? ConcurrentHashMap.newKeySet() : set;
            signals.add(signal);
            return signals;
        });
        try {
            Instant deadline = clock.instant().plus(timeout);
            while (true) {
                Optional<NotificationView> view = store.find(tenant, notificationId);
                Duration left = Duration.between(clock.instant(), deadline);
                if (view.isEmpty() || view.get().allFinal() || left.isNegative() || left.isZero()) {
                    return view;
                }
                long waitMillis = Math.min(left.toMillis(), POLL.toMillis());
                if (signal.tryAcquire(Math.max(1, waitMillis), TimeUnit.MILLISECONDS)) {
                    signal.drainPermits();
                }
            }
        } finally {
            waiters.computeIfPresent(notificationId, (id, set) -> {
                set.remove(signal);
                return set.isEmpty() ? null : set;
            });
        }
    }

    @Override
    public void recorded(List<Outcome> outcomes) {
        if (waiters.isEmpty()) {
            return;
        }
        for (Outcome outcome : outcomes) {
            Set<Semaphore> signals = waiters.get(outcome.delivery().notificationId());
            if (signals != null) {
                signals.forEach(Semaphore::release);
            }
        }
    }
}
