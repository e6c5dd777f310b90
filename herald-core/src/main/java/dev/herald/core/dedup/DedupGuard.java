package dev.herald.core.dedup;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Port: the content seen recently. A delivery claims its content hash for the window; the claim is atomic, so of
 * two identical messages sent at the same moment exactly one goes on. A holder past its window, or one that ended
 * without reaching anyone (failed, dead, expired, cancelled), gives way to the next; a delivery sent again (after a
 * lost lease) is never its own duplicate.
 */
public interface DedupGuard {
    /** What a claim found. */
    sealed interface Claim {
        /** Nobody (else) holds the content: send. */
        record Clear() implements Claim {
        }

        /** Another delivery already reached this address with this content: suppress. */
        record Duplicate(UUID original) implements Claim {
        }

        /** Another delivery holds the content but has not got through yet: wait, it may still fail. */
        record Pending(UUID original) implements Claim {
        }
    }

    Claim claim(TenantId tenant, String contentHash, UUID deliveryId, Duration window, Instant now);

    /** One delivery's claim on its content, for {@link #claimAll}. */
    record Request(TenantId tenant, String contentHash, UUID deliveryId, Duration window) {
    }

    /**
     * Claims for many deliveries at once (a dispatcher's claimed batch), with the same answers {@link #claim} would
     * give each in turn, in the order of the requests; two requests for the same content in one call are settled as
     * if made one after the other. A store can do it in one statement where {@link #claim} costs a transaction each.
     */
    default List<Claim> claimAll(List<Request> requests, Instant now) {
        List<Claim> claims = new ArrayList<>(requests.size());
        for (Request r : requests) {
            claims.add(claim(r.tenant(), r.contentHash(), r.deliveryId(), r.window(), now));
        }
        return claims;
    }

    /** Counts one suppressed duplicate, per channel and day (UTC): what dedup saved the tenant. */
    void countSuppressed(TenantId tenant, Channel channel, LocalDate day);

    /** Suppressed duplicates per channel from {@code since} (a UTC day) on. */
    Map<Channel, Long> suppressedSince(TenantId tenant, LocalDate since);

    /** Forgets hashes whose window has passed, at most {@code max} of them (housekeeping); returns how many went. */
    int sweep(Instant now, int max);
}
