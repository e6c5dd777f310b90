package dev.herald.core.tracking;

import dev.herald.core.notification.NotificationView;
import dev.herald.core.notification.DeliveryView;
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
 * Wait mode: blocks a caller until every delivery of a notification is final or the wait runs out. The outcome
 * writer of this process wakes the waiter when the last of its deliveries becomes final, so a waiter reads the
 * notification twice (after it starts listening, and when woken). A rare poll covers what this process does not
 * see: outcomes written by other nodes, and final states reached outside the outcome writer (a cancel).
 */
public final class CompletionWaiter implements OutcomeListener {
    /** How often a waiter looks for itself, for what the outcome writer of this process never reports. */
    public static final Duration SAFETY_POLL = Duration.ofSeconds(2);

    private final NotificationStore store;
    private final Clock clock;
    private final Duration safetyPoll;
    private final Map<UUID, Set<Waiting>> waiters = new ConcurrentHashMap<>();

    /** One caller waiting: the deliveries not yet final, and the signal given when the last of them is. */
    private record Waiting(Set<UUID> pending, Semaphore done) {
    }

    public CompletionWaiter(NotificationStore store, Clock clock, Duration safetyPoll) {
        this.store = store;
        this.clock = clock;
        this.safetyPoll = safetyPoll;
    }

    /** The notification as it stands when it completed or when the wait ran out. */
    public Optional<NotificationView> await(TenantId tenant, NotificationView accepted, Duration timeout)
            throws InterruptedException {
        Set<UUID> pending = ConcurrentHashMap.newKeySet();
        accepted.deliveries().stream().filter(d -> !d.status().isFinal()).map(DeliveryView::id).forEach(pending::add);
        if (pending.isEmpty()) {
            return Optional.of(accepted);
        }
        UUID id = accepted.id();
        Waiting waiting = new Waiting(pending, new Semaphore(0));
        waiters.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(waiting);
        try {
            Instant deadline = clock.instant().plus(timeout);
            // Read once while listening: an outcome committed before this waiter was registered is not missed.
            Optional<NotificationView> view = store.find(tenant, id);
            while (true) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (view.isEmpty() || view.get().allFinal() || !left.isPositive()) {
                    return view;
                }
                waiting.done().tryAcquire(Math.max(1, Math.min(left.toMillis(), safetyPoll.toMillis())),
                        TimeUnit.MILLISECONDS);
                view = store.find(tenant, id);
            }
        } finally {
            waiters.computeIfPresent(id, (k, set) -> {
                set.remove(waiting);
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
            if (!outcome.status().isFinal()) {
                continue;
            }
            Set<Waiting> waiting = waiters.get(outcome.delivery().notificationId());
            if (waiting == null) {
                continue;
            }
            for (Waiting w : waiting) {
                if (w.pending().remove(outcome.delivery().id()) && w.pending().isEmpty()) {
                    w.done().release();
                }
            }
        }
    }
}
