package dev.herald.core.digest;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: digest items waiting for their window to close, and turning one window's items into a single delivery. */
public interface DigestStore {
    /** One digest: whose, and which (user, type, channel and window, as the planner wrote it). */
    record DigestRef(TenantId tenant, String key) {
    }

    /** Digests whose window has closed, at most {@code max} of them. */
    List<DigestRef> dueDigests(Instant now, int max);

    /** What one digest turned into: the new delivery, its lane and how many items it carries. */
    record Collapsed(UUID deliveryId, Priority lane, int items) {
    }

    /** Renders a digest's items into one message (the type's digest template). */
    @FunctionalInterface
    interface Renderer {
        Message render(String type, Channel channel, List<Message> items);
    }

    /**
     * In one transaction: the waiting items of the digest become one QUEUED delivery carrying the rendered list,
     * and each item is SUPPRESSED naming that delivery. Empty when nothing is left (another node collapsed it, or
     * every item was cancelled).
     */
    Optional<Collapsed> collapse(DigestRef digest, Instant now, UUID newDeliveryId, Renderer renderer);
}
