package dev.herald.server.api;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.DeliveryEvent;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.notification.StatusChange;
import dev.herald.core.workflow.StepEntry;
import dev.herald.core.workflow.StepState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON answers about notifications: a summary when accepted, the full timeline when read. */
final class NotificationResponses {
    private NotificationResponses() {
    }

    /**
     * A notification as accepted; for one sent to a topic, {@code broadcastId} instead of {@code id} and
     * {@code deliveries} (those are planned per subscriber in the background: GET /api/v1/broadcasts/{id}).
     */
    record Summary(UUID id, String status, Boolean replayed, List<DeliverySummary> deliveries, UUID broadcastId) {
    }

    record DeliverySummary(UUID id, Channel channel, String recipient, DeliveryStatus status, String provider,
                           String error) {
    }

    /**
     * {@code traceparent}: the caller's W3C trace context as received (version-00 form), null without one;
     * {@code steps}: the workflow's steps, empty when the type has none.
     */
    record Detail(UUID id, String type, Priority priority, String status, String idempotencyKey, Instant createdAt,
                  String traceparent, List<DeliveryDetail> deliveries, List<Step> steps) {
    }

    /**
     * One workflow step in the timeline: its number (from 1), the step as the type wrote it, where it stands
     * (WAITING, DUE, DONE, SKIPPED, CANCELLED, SET_ASIDE), its timer, what it did or why it was skipped or set aside,
     * and one line saying so.
     */
    record Step(int step, Map<String, Object> rule, StepState state, Instant dueAt, String outcome, Instant at,
                String summary) {
    }

    record DeliveryDetail(UUID id, Channel channel, String recipient, String userId, String address,
                          DeliveryStatus status, int attempts, String provider, String providerMessageId,
                          String lastError, Instant createdAt, Instant updatedAt, List<History> history) {
    }

    /**
     * One history entry; {@code event} (e.g. COMPLAINT) marks something reported about the delivery that left its
     * status as it was, and is absent on a status change.
     */
    record History(DeliveryStatus status, Instant at, int attempt, String detail, DeliveryEvent event) {
    }

    record Page(List<Detail> items, String nextCursor) {
    }

    static Summary summary(NotificationView view, boolean replayed) {
        return new Summary(view.id(), view.state().name(), replayed ? Boolean.TRUE : null,
                view.deliveries().stream().map(d -> new DeliverySummary(d.id(), d.channel(), recipient(d), d.status(),
                        d.provider(), d.lastError())).toList(), null);
    }

    static Summary summary(dev.herald.core.broadcast.Broadcast broadcast, boolean replayed) {
        return new Summary(null, broadcast.state().name(), replayed ? Boolean.TRUE : null, null, broadcast.id());
    }

    static Detail detail(NotificationView view) {
        return new Detail(view.id(), view.type(), view.priority(), view.state().name(), view.idempotencyKey(),
                view.createdAt(), view.trace() == null ? null : view.trace().header(),
                view.deliveries().stream().map(NotificationResponses::delivery).toList(),
                view.steps().stream().map(NotificationResponses::step).toList());
    }

    private static Step step(StepEntry e) {
        return new Step(e.index() + 1, e.step().written(), e.state(), e.dueAt(), e.outcome(), e.doneAt(), e.line());
    }

    private static DeliveryDetail delivery(DeliveryView d) {
        return new DeliveryDetail(d.id(), d.channel(), recipient(d), d.userId(), d.address(), d.status(),
                d.attempts(), d.provider(), d.providerMessageId(), d.lastError(), d.createdAt(), d.updatedAt(),
                d.history().stream().map(NotificationResponses::history).toList());
    }

    private static History history(StatusChange c) {
        return new History(c.status(), c.at(), c.attempt(), c.detail(), c.event());
    }

    /** Who a delivery is for: the user when there is one, else the raw address. */
    private static String recipient(DeliveryView d) {
        return d.userId() != null ? d.userId() : d.address();
    }
}
