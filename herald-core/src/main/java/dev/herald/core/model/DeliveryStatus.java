package dev.herald.core.model;

/** Where one delivery stands; the allowed moves between these live in {@link StatusTransitions}. */
public enum DeliveryStatus {
    ACCEPTED, SCHEDULED, QUEUED, SENDING, SENT, DELIVERED, READ,
    FAILED, DEAD, SUPPRESSED, EXPIRED, CANCELLED;

    /** No dispatcher will touch a delivery in this status again (receipts may still move SENT onwards). */
    public boolean isFinal() {
        return switch (this) {
            case SENT, DELIVERED, READ, FAILED, DEAD, SUPPRESSED, EXPIRED, CANCELLED -> true;
            case ACCEPTED, SCHEDULED, QUEUED, SENDING -> false;
        };
    }
}
