package dev.herald.core.notification;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private static final Message HELLO = new Message("Hi", "Hello", null);

    private final Delivery.Planned toAnn = Delivery.planned(UUID.randomUUID(), UUID.randomUUID(), Channel.SMS,
            Priority.HIGH, "ann", "+821012345678");

    @Test
    void aQueuedDeliveryIsClaimableFromItsDueTime() {
        Delivery d = toAnn.queued(NOW, HELLO, NOW, LATER);

        assertThat(d.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(d.dueAt()).isEqualTo(NOW);
        assertThat(d.expiresAt()).isEqualTo(LATER);
        assertThat(d.error()).isNull();
        assertThat(d.digestKey()).isNull();
        assertThat(d.channel()).isEqualTo(Channel.SMS);
        assertThat(d.lane()).isEqualTo(Priority.HIGH);
        assertThat(d.userId()).isEqualTo("ann");
        assertThat(d.address()).isEqualTo("+821012345678");
    }

    @Test
    void aScheduledDeliveryWaitsAndMaySayWhy() {
        Delivery d = toAnn.scheduled(LATER, HELLO, "quiet hours until " + LATER, NOW, null);

        assertThat(d.status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(d.dueAt()).isEqualTo(LATER);
        assertThat(d.error()).isEqualTo("quiet hours until " + LATER);
    }

    @Test
    void aDigestItemIsNeverClaimedAndWaitsForItsWindow() {
        Delivery d = toAnn.digestItem(HELLO, NOW, null, "ann|social.like", LATER);

        assertThat(d.status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(d.dueAt()).isNull();
        assertThat(d.digestKey()).isEqualTo("ann|social.like");
        assertThat(d.digestDue()).isEqualTo(LATER);
    }

    @Test
    void suppressedAndFailedDeliveriesAreFinalAtOnceAndCarryNoText() {
        Delivery suppressed = toAnn.suppressed("user ann opted out of SMS", NOW);
        Delivery failed = toAnn.failed("user ann has no SMS address", NOW);

        assertThat(suppressed.status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(suppressed.dueAt()).isNull();
        assertThat(failed.dueAt()).isNull();
        assertThat(suppressed.error()).isEqualTo("user ann opted out of SMS");
        assertThat(failed.message().text()).isEmpty();
        assertThat(failed.message().subject()).isNull();
    }
}
