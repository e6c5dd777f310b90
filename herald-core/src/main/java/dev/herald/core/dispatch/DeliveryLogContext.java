package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;

/**
 * Puts the ids of the delivery being sent (tenant, notification, delivery; never its address or content) into the
 * logging context of the sending thread, so every line logged meanwhile carries them as fields. The server binds it
 * to SLF4J's MDC; core stays free of a logging API.
 */
@FunctionalInterface
public interface DeliveryLogContext {
    DeliveryLogContext NONE = delivery -> () -> { };

    Scope enter(ClaimedDelivery delivery);

    /** Ends the context; closing it twice is harmless. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
