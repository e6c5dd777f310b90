package dev.herald.testkit;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.DeliveryEvent;
import dev.herald.core.notification.DeliveryRef;
import dev.herald.core.notification.StatusChange;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.DeliveryView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipts after the send (delivered, read, failed on the handset) move a delivery once and only forward; a bounce
 * fails it even after a delivery receipt; a complaint joins its history without moving it.
 */
public abstract class ReceiptContract extends StoreContract {

    private UUID sentDelivery() {
        NewNotification n = aNotification().to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery claimed = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), Duration.ofSeconds(30),
                "w").getFirst();
        stores.queue().record(List.of(Outcome.sent(claimed, clock.instant(), "twilio", "SM123", null)));
        return claimed.id();
    }

    @Test
    void aDeliveryIsFoundByIdAloneWithItsTenantAndProvider() {
        UUID id = sentDelivery();

        DeliveryRef ref = stores.notifications().findDelivery(id).orElseThrow();

        assertThat(ref.tenant()).isEqualTo(TENANT);
        assertThat(ref.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(ref.provider()).isEqualTo("twilio");
        assertThat(ref.providerMessageId()).isEqualTo("SM123");
        assertThat(stores.notifications().findDelivery(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aReceiptMovesASentDeliveryOnceAndIsKeptInHistory() {
        UUID id = sentDelivery();

        assertThat(stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.DELIVERED, clock.instant(),
                "handset")).isTrue();
        assertThat(stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.DELIVERED, clock.instant(),
                "again")).isFalse();
        assertThat(stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.READ, clock.instant(),
                null)).isTrue();
        // Nothing moves a read delivery back.
        assertThat(stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.FAILED, clock.instant(),
                "late failure")).isFalse();

        DeliveryView view = view(id);
        assertThat(view.status()).isEqualTo(DeliveryStatus.READ);
        assertThat(view.history()).extracting(h -> h.status())
                .containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.SENT, DeliveryStatus.DELIVERED,
                        DeliveryStatus.READ);
    }

    @Test
    void aReceiptThatOvertakesTheSendsOutcomeIsAppliedWithIt() {
        NewNotification n = aNotification().to("ann").channels(Channel.IN_APP).build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery sending = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), Duration.ofSeconds(30),
                "w").getFirst();

        // The user reads the in-app message before the dispatcher's SENT is committed.
        assertThat(stores.notifications().recordReceipt(TENANT, sending.id(), DeliveryStatus.READ, clock.instant(),
                "read in the inbox")).isTrue();
        assertThat(view(sending.id()).status()).isEqualTo(DeliveryStatus.SENDING);
        clock.advance(Duration.ofMillis(5));
        stores.queue().record(List.of(Outcome.sent(sending, clock.instant(), "inbox", sending.id().toString(), null)));

        DeliveryView view = view(sending.id());
        assertThat(view.status()).isEqualTo(DeliveryStatus.READ);
        assertThat(view.history()).extracting(h -> h.status())
                .containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.SENT, DeliveryStatus.READ);
        assertThat(view.history().getLast().at()).isEqualTo(clock.instant());
    }

    @Test
    void aReceiptCannotTouchAQueuedDeliveryOrAnotherTenantsDelivery() {
        UUID sent = sentDelivery();
        NewNotification n = aNotification().to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        UUID queued = n.deliveries().getFirst().id();

        assertThat(stores.notifications().recordReceipt(TENANT, queued, DeliveryStatus.DELIVERED, clock.instant(),
                null)).isFalse();
        assertThat(stores.notifications().recordReceipt(OTHER_TENANT, sent, DeliveryStatus.DELIVERED,
                clock.instant(), null)).isFalse();
        assertThat(view(sent).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aFailureReceiptGivesItsReasonAsTheLastErrorMadeStorable() {
        UUID id = sentDelivery();

        assertThat(stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.FAILED, clock.instant(),
                "30003 unreachable handset\u0000")).isTrue();

        assertThat(view(id).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(view(id).lastError()).isEqualTo("30003 unreachable handset");
    }

    @Test
    void aBounceFailsASentOrDeliveredDeliveryOnceButNeverARead() {
        UUID delivered = sentDelivery();
        stores.notifications().recordReceipt(TENANT, delivered, DeliveryStatus.DELIVERED, clock.instant(), null);
        UUID read = sentDelivery();
        stores.notifications().recordReceipt(TENANT, read, DeliveryStatus.READ, clock.instant(), null);
        clock.advance(Duration.ofMinutes(5));

        assertThat(stores.notifications().recordBounce(TENANT, delivered, clock.instant(), "bounced (ses)")).isTrue();
        assertThat(stores.notifications().recordBounce(TENANT, delivered, clock.instant(), "again")).isFalse();
        assertThat(stores.notifications().recordBounce(TENANT, read, clock.instant(), "bounced (ses)")).isFalse();
        assertThat(stores.notifications().recordBounce(OTHER_TENANT, sentDelivery(), clock.instant(), "x")).isFalse();

        DeliveryView view = view(delivered);
        assertThat(view.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(view.lastError()).isEqualTo("bounced (ses)");
        assertThat(view.history()).extracting(h -> h.status()).containsExactly(DeliveryStatus.QUEUED,
                DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.FAILED);
        assertThat(view(read).status()).isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void aFailureReceiptAfterADeliveryReceiptIsStillRefused() {
        UUID id = sentDelivery();
        stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.DELIVERED, clock.instant(), "delivered");

        // An SMS status callback out of order is not a bounce: only a bounce fails a delivered message.
        assertThat(stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.FAILED, clock.instant(),
                "30003")).isFalse();

        assertThat(view(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aComplaintIsInTheHistoryOnceAndLeavesTheStatusAsItIs() {
        UUID id = sentDelivery();
        stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.DELIVERED, clock.instant(), null);
        clock.advance(Duration.ofHours(1));

        assertThat(stores.notifications().recordEvent(TENANT, id, DeliveryEvent.COMPLAINT, clock.instant(),
                "complaint (ses: abuse)")).isTrue();
        assertThat(stores.notifications().recordEvent(TENANT, id, DeliveryEvent.COMPLAINT, clock.instant(),
                "again")).isFalse();
        assertThat(stores.notifications().recordEvent(OTHER_TENANT, id, DeliveryEvent.COMPLAINT, clock.instant(),
                "theirs")).isFalse();

        DeliveryView view = view(id);
        assertThat(view.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(view.history()).hasSize(4);
        StatusChange complaint = view.history().getLast();
        assertThat(complaint.event()).isEqualTo(DeliveryEvent.COMPLAINT);
        assertThat(complaint.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(complaint.at()).isEqualTo(clock.instant());
        assertThat(complaint.detail()).isEqualTo("complaint (ses: abuse)");
        assertThat(view.history().subList(0, 3)).allSatisfy(h -> assertThat(h.event()).isNull());
        // Still delivered, so a later READ is still a move; the complaint is no status the machine knows of.
        assertThat(stores.notifications().recordReceipt(TENANT, id, DeliveryStatus.READ, clock.instant(), null))
                .isTrue();
    }
}
