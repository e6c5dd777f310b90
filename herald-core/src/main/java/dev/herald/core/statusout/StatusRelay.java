package dev.herald.core.statusout;

import dev.herald.core.clock.Background;
import dev.herald.core.clock.RepeatingRound;
import dev.herald.core.model.FailureKind;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Moves status events from the outbox to the sinks, oldest first, and deletes what every sink took. One relay
 * runs at a time across nodes (the outbox's lease), so events of one notification leave in the order they were
 * written. A sink that fails stops the round: nothing is deleted, and the same events are handed on again after a
 * backoff (doubling up to {@code maxBackoff}) — at least once, never skipped; the outbox grows meanwhile.
 */
public final class StatusRelay implements Background {
    private static final System.Logger LOG = System.getLogger(StatusRelay.class.getName());

    /** What one round did. */
    public enum Round { RELAYED_FULL_BATCH, RELAYED, IDLE, NOT_HOLDER, FAILED }

    private final StatusOutbox outbox;
    private final List<StatusSink> sinks;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final int batch;
    private final Duration idle;
    private final Duration maxBackoff;
    private Duration backoff;
    private final RepeatingRound rounds = new RepeatingRound("herald-status-relay", () -> pauseAfter(relayOnce()));

    /**
     * @param owner this node's name in the lease
     * @param lease how long a round may take at most (the sinks' own deadlines must be shorter)
     * @param idle  how long to wait when the outbox is empty or another node relays
     */
    public StatusRelay(StatusOutbox outbox, List<StatusSink> sinks, Clock clock, String owner, Duration lease,
                       int batch, Duration idle, Duration maxBackoff) {
        this.outbox = outbox;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        this.batch = batch;
        this.idle = idle;
        this.maxBackoff = maxBackoff;
        this.backoff = idle;
    }

    /** One round: take the lease, hand on the oldest batch to every sink, delete it. */
    public Round relayOnce() {
        Instant now = clock.instant();
        try {
            if (!outbox.holdRelay(owner, now, now.plus(lease))) {
                return Round.NOT_HOLDER;
            }
            List<StatusEvent> events = outbox.oldest(batch);
            if (events.isEmpty()) {
                return Round.IDLE;
            }
            for (StatusSink sink : sinks) {
                sink.publish(events);
            }
            outbox.remove(events.stream().map(StatusEvent::position).toList());
            return events.size() == batch ? Round.RELAYED_FULL_BATCH : Round.RELAYED;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status relay round failed, retried after backoff: {0}", FailureKind.of(e));
            return Round.FAILED;
        }
    }

    /** How long to wait after a round that ended so: at once while there is more, doubling after failures. */
    public Duration pauseAfter(Round round) {
        return switch (round) {
            case RELAYED_FULL_BATCH -> {
                backoff = idle;
                yield Duration.ZERO;
            }
            case RELAYED, IDLE, NOT_HOLDER -> {
                backoff = idle;
                yield idle;
            }
            case FAILED -> {
                Duration wait = backoff;
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                yield wait;
            }
        };
    }

    @Override
    public void start() {
        rounds.start(Duration.ZERO);
    }

    @Override
    public void stop() {
        if (rounds.stop()) {
            try {
                outbox.releaseRelay(owner);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "status relay lease not released, it lapses by itself: {0}",
                        FailureKind.of(e));
            }
        }
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }
}
