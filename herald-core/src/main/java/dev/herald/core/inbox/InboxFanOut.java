package dev.herald.core.inbox;

import dev.herald.core.model.TenantId;

/**
 * Port: carries inbox changes to the live streams of every node, since a user's browser may be connected to any of
 * them. The embedded implementation reaches only this process ({@link LocalInboxFanOut}); the Redis one (herald-redis)
 * every node, at most once: a stream whose node misses an event (disconnected at that moment) goes without it until
 * the browser reconnects, when the stream opens with the current unread count and the client reloads its list.
 */
public interface InboxFanOut {
    /** Sends the change to the subscribers of every node; returns once it is sent, not once it is heard. */
    void publish(TenantId tenant, String userId, InboxEvent event);

    /** Passes every change published by any node, this one too, to {@code local} (this node's live streams). */
    Subscription subscribe(InboxListener local);

    /** Publishing as the inbox's listener: what {@link Inbox} is told goes to every node. */
    default InboxListener asListener() {
        return this::publish;
    }

    /** Stops the calls; closing twice does nothing. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
