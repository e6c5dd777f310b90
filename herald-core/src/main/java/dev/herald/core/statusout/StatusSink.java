package dev.herald.core.statusout;

import java.util.List;

/** Where the relay hands status events: returns once they are safely taken, throws when they are not. */
public interface StatusSink {
    /** A short name for logs and metrics ({@code kafka}, {@code status-webhooks}). */
    String name();

    /** Takes the events, in order; throwing means none may count as taken (they will be handed on again). */
    void publish(List<StatusEvent> events);
}
