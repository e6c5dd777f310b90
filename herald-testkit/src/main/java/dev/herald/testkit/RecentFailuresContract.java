package dev.herald.testkit;

import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.stats.RecentFailure;
import dev.herald.core.stats.RecentFailurePage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every FAILED and DEAD delivery is listed for the dashboard, newest first, written with the change that failed it:
 * at intake, by an outcome, or by a receipt.
 */
public abstract class RecentFailuresContract extends StoreContract {

    private ClaimedDelivery queuedAndClaimed(String type, Channel channel, String user) {
        stores.notifications().save(TENANT, List.of(aNotification().type(type).channels(channel).to(user).build()));
        return stores.queue().claim(Priority.NORMAL, 10, clock.instant(), Duration.ofSeconds(30), "w").getFirst();
    }

    private List<RecentFailure> all(RecentFailurePage page) {
        return page.items();
    }

    @Test
    void failedAndDeadOutcomesAreListedNewestFirstWithWhatTheDeliveryWas() {
        ClaimedDelivery failed = queuedAndClaimed("order.shipped", Channel.EMAIL, "ann");
        stores.queue().record(List.of(Outcome.notSent(failed, DeliveryStatus.FAILED, clock.instant(), "smtp",
                "SMTP 550 5.1.1 mailbox unknown (RCPT)")));
        clock.advance(Duration.ofSeconds(1));
        ClaimedDelivery dead = queuedAndClaimed("payment.failed", Channel.SMS, "bob");
        stores.queue().record(List.of(Outcome.notSent(dead, DeliveryStatus.DEAD, clock.instant(), "twilio",
                "gave up after 1 attempts: HTTP 503")));

        List<RecentFailure> listed = all(stores.failures().list(TENANT, 10, null));

        assertThat(listed).extracting(RecentFailure::deliveryId).containsExactly(dead.id(), failed.id());
        RecentFailure first = listed.getFirst();
        assertThat(first.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(first.currentStatus()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(first.channel()).isEqualTo(Channel.SMS);
        assertThat(first.type()).isEqualTo("payment.failed");
        assertThat(first.provider()).isEqualTo("twilio");
        assertThat(first.reason()).isEqualTo("gave up after 1 attempts: HTTP 503");
        assertThat(first.notificationId()).isEqualTo(dead.notificationId());
        assertThat(first.userId()).isEqualTo("bob");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.failedAt()).isEqualTo(clock.instant());
        assertThat(listed.getLast().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(listed.getLast().reason()).contains("mailbox unknown");
        assertThat(listed.getLast().failedAt()).isEqualTo(clock.instant().minusSeconds(1));
    }

    @Test
    void sentRetriedAndFencedOffOutcomesAreNotListed() {
        ClaimedDelivery sent = queuedAndClaimed("a", Channel.EMAIL, "ann");
        stores.queue().record(List.of(Outcome.sent(sent, clock.instant(), "smtp", "m1", null)));
        ClaimedDelivery retried = queuedAndClaimed("a", Channel.EMAIL, "bob");
        stores.queue().record(List.of(Outcome.retryAt(retried, clock.instant(), clock.instant().plusSeconds(5),
                "smtp", "SMTP 421 try later")));
        // The same claim again after its outcome was written: the fence refuses it, so it is no failure either.
        stores.queue().record(List.of(Outcome.notSent(sent, DeliveryStatus.FAILED, clock.instant(), "smtp", "late")));

        assertThat(all(stores.failures().list(TENANT, 10, null))).isEmpty();
    }

    @Test
    void aDeliveryFailedAtIntakeIsListedWithoutProviderOrAttempts() {
        UUID id = ids.next();
        UUID deliveryId = ids.next();
        Notification n = new Notification(id, TENANT, "order.shipped", Priority.NORMAL, null, clock.instant());
        stores.notifications().save(TENANT, List.of(new NewNotification(n, List.of(
                Delivery.planned(deliveryId, id, Channel.SMS, Priority.NORMAL, "ann", null)
                        .failed("no phone number", clock.instant()),
                Delivery.planned(ids.next(), id, Channel.EMAIL, Priority.NORMAL, "ann", "ann@example.com")
                        .suppressed("declined by the user", clock.instant())))));

        List<RecentFailure> listed = all(stores.failures().list(TENANT, 10, null));

        assertThat(listed).singleElement().satisfies(f -> {
            assertThat(f.deliveryId()).isEqualTo(deliveryId);
            assertThat(f.notificationId()).isEqualTo(id);
            assertThat(f.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(f.currentStatus()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(f.reason()).isEqualTo("no phone number");
            assertThat(f.provider()).isNull();
            assertThat(f.attempts()).isZero();
            assertThat(f.userId()).isEqualTo("ann");
        });
    }

    @Test
    void aBounceReceiptIsListedWithTheProviderThatCarriedIt() {
        ClaimedDelivery claimed = queuedAndClaimed("otp", Channel.SMS, "ann");
        stores.queue().record(List.of(Outcome.sent(claimed, clock.instant(), "twilio", "SM1", null)));
        clock.advance(Duration.ofSeconds(3));

        stores.notifications().recordReceipt(TENANT, claimed.id(), DeliveryStatus.FAILED, clock.instant(),
                "carrier: unreachable handset");

        assertThat(all(stores.failures().list(TENANT, 10, null))).singleElement().satisfies(f -> {
            assertThat(f.deliveryId()).isEqualTo(claimed.id());
            assertThat(f.provider()).isEqualTo("twilio");
            assertThat(f.reason()).isEqualTo("carrier: unreachable handset");
            assertThat(f.attempts()).isEqualTo(1);
            assertThat(f.failedAt()).isEqualTo(clock.instant());
            assertThat(f.type()).isEqualTo("otp");
            assertThat(f.userId()).isEqualTo("ann");
        });
    }

    @Test
    void aBounceThatOvertookTheSendIsListedWhenTheSendIsWritten() {
        ClaimedDelivery claimed = queuedAndClaimed("otp", Channel.SMS, "ann");
        stores.notifications().recordReceipt(TENANT, claimed.id(), DeliveryStatus.FAILED, clock.instant(),
                "carrier: unreachable handset");
        assertThat(all(stores.failures().list(TENANT, 10, null))).isEmpty();

        stores.queue().record(List.of(Outcome.sent(claimed, clock.instant(), "twilio", "SM1", null)));

        assertThat(all(stores.failures().list(TENANT, 10, null))).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(f.provider()).isEqualTo("twilio");
            assertThat(f.reason()).isEqualTo("carrier: unreachable handset");
        });
    }

    @Test
    void aReplayedDeadLetterThatIsThenSentStaysListedWithItsCurrentStatus() {
        ClaimedDelivery dead = queuedAndClaimed("payment.failed", Channel.SMS, "ann");
        stores.queue().record(List.of(Outcome.notSent(dead, DeliveryStatus.DEAD, clock.instant(), "twilio",
                "gave up after 1 attempts: HTTP 503")));
        stores.deadLetters().retry(TENANT, dead.id(), clock.instant());
        ClaimedDelivery again = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), Duration.ofSeconds(30),
                "w").getFirst();
        stores.queue().record(List.of(Outcome.sent(again, clock.instant(), "twilio", "SM2", null)));

        assertThat(all(stores.failures().list(TENANT, 10, null))).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(f.currentStatus()).isEqualTo(DeliveryStatus.SENT);
        });
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        for (String user : List.of("a", "b", "c")) {
            ClaimedDelivery claimed = queuedAndClaimed("t", Channel.EMAIL, user);
            stores.queue().record(List.of(Outcome.notSent(claimed, DeliveryStatus.FAILED, clock.instant(), "smtp",
                    "refused")));
        }

        RecentFailurePage first = stores.failures().list(TENANT, 2, null);
        RecentFailurePage second = stores.failures().list(TENANT, 2, first.nextCursor());

        assertThat(first.items()).extracting(RecentFailure::userId).containsExactly("c", "b");
        assertThat(first.nextCursor()).isEqualTo(first.items().getLast().id());
        assertThat(second.items()).extracting(RecentFailure::userId).containsExactly("a");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void anotherTenantSeesNothing() {
        ClaimedDelivery claimed = queuedAndClaimed("t", Channel.EMAIL, "ann");
        stores.queue().record(List.of(Outcome.notSent(claimed, DeliveryStatus.FAILED, clock.instant(), "smtp",
                "refused")));

        assertThat(all(stores.failures().list(OTHER_TENANT, 10, null))).isEmpty();
        assertThat(all(stores.failures().list(TENANT, 10, null))).hasSize(1);
    }

    @Test
    void failuresBeforeTheCutoffAreForgottenInBoundedBatches() {
        for (String user : List.of("a", "b", "c")) {
            ClaimedDelivery claimed = queuedAndClaimed("t", Channel.EMAIL, user);
            stores.queue().record(List.of(Outcome.notSent(claimed, DeliveryStatus.FAILED, clock.instant(), "smtp",
                    "refused")));
            clock.advance(Duration.ofDays(1));
        }

        assertThat(stores.failures().forgetBefore(clock.instant().minus(Duration.ofDays(1)), 1)).isEqualTo(1);
        assertThat(stores.failures().forgetBefore(clock.instant().minus(Duration.ofDays(1)), 10)).isEqualTo(1);

        assertThat(all(stores.failures().list(TENANT, 10, null))).extracting(RecentFailure::userId)
                .containsExactly("c");
    }
}
