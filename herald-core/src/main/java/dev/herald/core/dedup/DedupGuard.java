package dev.herald.core.dedup;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the content seen recently. A delivery claims its content hash for the window; while another live or sent
 * delivery holds it, the newcomer is a duplicate. The claim is atomic, so of two identical messages sent at the
 * same moment exactly one goes out. A holder that ended without reaching anyone (failed, dead, expired, cancelled)
 * lets the next one through, and a delivery sent again (after a lost lease) is never its own duplicate.
 */
public interface DedupGuard {
    /** Empty when this delivery may go; else the id of the delivery it duplicates. */
    Optional<UUID> claim(TenantId tenant, String contentHash, UUID deliveryId, Duration window, Instant now);

    /** Counts one suppressed duplicate, per channel and day (UTC): what dedup saved the tenant. */
    void countSuppressed(TenantId tenant, Channel channel, LocalDate day);

    /** Suppressed duplicates per channel from {@code since} (a UTC day) on. */
    Map<Channel, Long> suppressedSince(TenantId tenant, LocalDate since);
}
