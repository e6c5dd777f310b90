package dev.herald.server.config;

import dev.herald.core.dispatch.DeliveryLogContext;
import dev.herald.core.model.ClaimedDelivery;
import org.slf4j.MDC;

/**
 * The delivery's ids as MDC fields ({@code tenant}, {@code notificationId}, {@code deliveryId}) and, when the caller
 * sent one, its trace context ({@link TraceLogFields}): structured logs ({@code logging.structured.format.console})
 * print them as fields. Ids only, never an address or content.
 */
final class MdcDeliveryContext implements DeliveryLogContext {
    static final String TENANT = "tenant";
    static final String NOTIFICATION = "notificationId";
    static final String DELIVERY = "deliveryId";

    @Override
    public Scope enter(ClaimedDelivery delivery) {
        MDC.put(TENANT, delivery.tenant().value());
        MDC.put(NOTIFICATION, delivery.notificationId().toString());
        MDC.put(DELIVERY, delivery.id().toString());
        DeliveryLogContext.Scope trace = TraceLogFields.enter(delivery.trace());
        return () -> {
            trace.close();
            MDC.remove(TENANT);
            MDC.remove(NOTIFICATION);
            MDC.remove(DELIVERY);
        };
    }
}
