package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port: the queue of deliveries, one lane per priority. Claiming moves due deliveries to SENDING under a lease;
 * a delivery whose lease runs out is due again, so a dead worker never loses one.
 */
public interface DeliveryQueue {
    /** Claims up to {@code max} due deliveries of the lane, oldest due first, skipping those another worker holds. */
    List<ClaimedDelivery> claim(Priority lane, int max, Instant now, Duration lease, String workerId);

    /**
     * Records outcomes in one transaction: the new status, the history entry, and when the delivery is due again.
     * An outcome whose fence no longer matches (the lease was lost) is skipped.
     *
     * @return the outcomes that were recorded
     */
    List<Outcome> record(List<Outcome> outcomes);
}
