package dev.herald.server.config;

import dev.herald.core.dispatch.DeliveryLogContext;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.TraceParent;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MdcDeliveryContextTest {

    @Test
    void theDeliverysIdsAreLogFieldsWhileItIsSentAndNeverItsAddress() {
        ClaimedDelivery delivery = new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(),
                "order.shipped", Channel.EMAIL, Priority.NORMAL, "user-1", "ann@example.com",
                new Message("Hi", "Hello", null), 1, Instant.now(), null, 1);

        try (DeliveryLogContext.Scope ignored = new MdcDeliveryContext().enter(delivery)) {
            assertThat(MDC.get("deliveryId")).isEqualTo(delivery.id().toString());
            assertThat(MDC.get("notificationId")).isEqualTo(delivery.notificationId().toString());
            assertThat(MDC.get("tenant")).isEqualTo(delivery.tenant().value());
            assertThat(MDC.getCopyOfContextMap().values()).doesNotContain("ann@example.com", "user-1");
        }
        assertThat(MDC.get("deliveryId")).isNull();
        assertThat(MDC.get("tenant")).isNull();
    }

    @Test
    void theCallersTraceIsALogFieldWhileTheDeliveryIsSent() {
        TraceParent trace = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ClaimedDelivery delivery = new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(),
                "order.shipped", Channel.WEBHOOK, Priority.NORMAL, "user-1", "user-1",
                new Message("Hi", "Hello", null), 1, Instant.now(), null, 1, trace);

        try (DeliveryLogContext.Scope ignored = new MdcDeliveryContext().enter(delivery)) {
            assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(MDC.get("traceparent")).isEqualTo(trace.header());
        }
        assertThat(MDC.get("traceId")).isNull();
        assertThat(MDC.get("traceparent")).isNull();
    }
}
