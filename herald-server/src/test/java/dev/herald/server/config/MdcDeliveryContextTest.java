package dev.herald.server.config;

import dev.herald.core.dispatch.DeliveryLogContext;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
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
}
