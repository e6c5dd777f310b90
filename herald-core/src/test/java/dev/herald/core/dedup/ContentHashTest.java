package dev.herald.core.dedup;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashTest {

    private static ClaimedDelivery webhook(String address, String subject, String text, Map<String, Object> data) {
        return new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(), "order.shipped",
                Channel.WEBHOOK, Priority.NORMAL, "ann", address, new Message(subject, text, null, data), 1,
                Instant.EPOCH, null, 1);
    }

    @Test
    void theSameContentHashesTheSameWhateverTheDataOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("c", "d"));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", Map.of("c", "d"));
        ba.put("a", 1);

        assertThat(ContentHash.of(webhook("ann", "s", "t", ab))).isEqualTo(ContentHash.of(webhook("ann", "s", "t", ba)));
    }

    @Test
    void messagesThatDifferOnlyInDataOrByShiftedTextAreDifferent() {
        String plain = ContentHash.of(webhook("ann", "Shipped", "Order", Map.of("orderId", "A-1")));

        assertThat(ContentHash.of(webhook("ann", "Shipped", "Order", Map.of("orderId", "A-2")))).isNotEqualTo(plain);
        assertThat(ContentHash.of(webhook("ann", "ShippedOrder", "", Map.of("orderId", "A-1")))).isNotEqualTo(plain);
        assertThat(ContentHash.of(webhook("bob", "Shipped", "Order", Map.of("orderId", "A-1")))).isNotEqualTo(plain);
    }
}
