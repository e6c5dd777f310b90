package dev.herald.core.suppression;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a tenant's suppression list: the address, why and by whom it was added, when, and the delivery whose
 * feedback caused it when known (null for entries added through the API).
 */
public record Suppression(SuppressedAddress address, SuppressionReason reason, SuppressionSource source,
                          Instant createdAt, UUID deliveryId) {

    /** What a delivery planned to this address is told: the entry's reason and since when, never the address. */
    public String explanation() {
        return "address on the suppression list: " + reason + " since " + createdAt + " (" + source.value() + ")";
    }

    /** Whether a delivery of a critical type or not to this address is to be suppressed. */
    public boolean blocks(boolean critical) {
        return !critical || reason.blocksCritical();
    }
}
