package dev.herald.server.broadcasts;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.ChangeSummaries;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Cancelling a broadcast, for the API ({@code POST /api/v1/broadcasts/{id}/cancel}) and the console alike: one audit
 * entry when the broadcast moved, none when it did not (cancelled already, or a state nothing moves).
 */
public final class BroadcastCancels {
    private final BroadcastStore broadcasts;
    private final AuditedChange audited;
    private final Clock clock;

    public BroadcastCancels(BroadcastStore broadcasts, AuditedChange audited, Clock clock) {
        this.broadcasts = broadcasts;
        this.audited = audited;
        this.clock = clock;
    }

    /** The broadcast before and after the cancel. */
    public record Cancelled(Broadcast before, Broadcast after) {
        public boolean moved() {
            return after.state() != before.state();
        }
    }

    /** Cancels the tenant's broadcast; empty when the tenant has no such broadcast. */
    public Optional<Cancelled> cancel(Caller caller, UUID id) {
        Optional<Broadcast> before = broadcasts.find(caller.tenant(), id);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        return audited.run(caller, () -> broadcasts.cancel(caller.tenant(), id, clock.instant()),
                        done -> ChangeSummaries.broadcastCancellation(before.get(), done))
                .map(after -> new Cancelled(before.get(), after));
    }
}
