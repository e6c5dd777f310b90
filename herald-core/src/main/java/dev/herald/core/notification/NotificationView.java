package dev.herald.core.notification;

import dev.herald.core.model.DeliveryStatus;

import dev.herald.core.model.Priority;
import dev.herald.core.model.TraceParent;
import dev.herald.core.workflow.StepEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification as the API shows it, with every delivery, the caller's trace context (null without one) and its
 * workflow's steps (empty when its type has none).
 */
public record NotificationView(UUID id, String type, Priority priority, String idempotencyKey, Instant createdAt,
                               List<DeliveryView> deliveries, TraceParent trace, List<StepEntry> steps) {
    public NotificationView {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public NotificationView(UUID id, String type, Priority priority, String idempotencyKey, Instant createdAt,
                            List<DeliveryView> deliveries, TraceParent trace) {
        this(id, type, priority, idempotencyKey, createdAt, deliveries, trace, List.of());
    }

    public NotificationView(UUID id, String type, Priority priority, String idempotencyKey, Instant createdAt,
                            List<DeliveryView> deliveries) {
        this(id, type, priority, idempotencyKey, createdAt, deliveries, null);
    }

    /** Summary of the deliveries: nothing final yet, some final, or every one final. */
    public NotificationState state() {
        long finals = deliveries.stream().filter(d -> d.status().isFinal()).count();
        if (finals == deliveries.size()) {
            return NotificationState.COMPLETED;
        }
        boolean started = finals > 0 || deliveries.stream().anyMatch(d -> d.status() == DeliveryStatus.SENDING);
        return started ? NotificationState.IN_PROGRESS : NotificationState.ACCEPTED;
    }

    public boolean allFinal() {
        return state() == NotificationState.COMPLETED;
    }
}
