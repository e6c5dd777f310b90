package dev.herald.core.dedup;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The content claims of a claimed batch, made together before its sends start (see {@link ContentDedup#checkAll}):
 * one statement for the batch instead of a transaction per send.
 */
public record ContentClaims(Map<UUID, DedupGuard.Claim> byDelivery) {
    /** Nothing claimed ahead: each send claims its own content. */
    public static final ContentClaims NONE = new ContentClaims(Map.of());

    public ContentClaims {
        byDelivery = Map.copyOf(byDelivery);
    }

    /** The claim made ahead for this delivery, if one was. */
    public Optional<DedupGuard.Claim> of(UUID deliveryId) {
        return Optional.ofNullable(byDelivery.get(deliveryId));
    }
}
