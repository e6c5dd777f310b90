package dev.herald.testkit;

import dev.herald.core.deadletter.DeadLetter;
import dev.herald.core.deadletter.DeadLetterFilter;
import dev.herald.core.deadletter.DeadLetterPage;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.DeliveryView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Instant;

/** Deliveries that used up their attempts wait in the dead-letter queue until replayed or discarded. */
public abstract class DeadLetterContract extends StoreContract {

    /** Saves a notification and lets its delivery die on the given channel; returns the delivery id. */
    private UUID dead(String type, Channel channel, Priority lane) {
        NewNotification n = aNotification().type(type).priority(lane).channels(channel).to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery claimed = stores.queue().claim(lane, 10, clock.instant(), Duration.ofSeconds(30), "w")
                .getFirst();
        stores.queue().record(List.of(Outcome.notSent(claimed, DeliveryStatus.DEAD, clock.instant(), "twilio",
                "gave up after 1 attempts: HTTP 503")));
        clock.advance(Duration.ofSeconds(1));
        return claimed.id();
    }

    @Test
    void aDeadDeliveryIsListedWithItsLastErrorAndFilteredByChannelTypeAndTime() {
        UUID sms = dead("payment.failed", Channel.SMS, Priority.HIGH);
        Instant between = clock.instant();
        UUID email = dead("order.shipped", Channel.EMAIL, Priority.NORMAL);
        DeadLetters dlq = stores.deadLetters();

        DeadLetterPage all = dlq.list(TENANT, DeadLetterFilter.all(), 10, null);
        assertThat(all.items()).extracting(DeadLetter::deliveryId).containsExactly(email, sms);
        assertThat(all.items().getLast().lastError()).contains("HTTP 503");
        assertThat(all.items().getLast().provider()).isEqualTo("twilio");
        assertThat(dlq.list(TENANT, new DeadLetterFilter(Channel.SMS, null, null), 10, null).items())
                .extracting(DeadLetter::deliveryId).containsExactly(sms);
        assertThat(dlq.list(TENANT, new DeadLetterFilter(null, "order.shipped", null), 10, null).items())
                .extracting(DeadLetter::deliveryId).containsExactly(email);
        assertThat(dlq.list(TENANT, new DeadLetterFilter(null, null, between), 10, null).items())
                .extracting(DeadLetter::deliveryId).containsExactly(email);
        DeadLetterPage first = dlq.list(TENANT, DeadLetterFilter.all(), 1, null);
        assertThat(dlq.list(TENANT, DeadLetterFilter.all(), 1, first.nextCursor()).items())
                .extracting(DeadLetter::deliveryId).containsExactly(sms);
        assertThat(dlq.list(OTHER_TENANT, DeadLetterFilter.all(), 10, null).items()).isEmpty();
    }

    @Test
    void aReplayedDeliveryIsQueuedWithFreshAttemptsAndLeavesTheQueue() {
        UUID id = dead("payment.failed", Channel.SMS, Priority.HIGH);

        assertThat(stores.deadLetters().retry(OTHER_TENANT, id, clock.instant())).isEmpty();
        assertThat(stores.deadLetters().retry(TENANT, id, clock.instant())).contains(Priority.HIGH);
        assertThat(stores.deadLetters().retry(TENANT, id, clock.instant())).isEmpty();

        assertThat(view(id).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(view(id).history().getLast().detail()).contains("replayed");
        assertThat(stores.deadLetters().list(TENANT, DeadLetterFilter.all(), 10, null).items()).isEmpty();
        ClaimedDelivery again = stores.queue().claim(Priority.HIGH, 10, clock.instant(), Duration.ofSeconds(30), "w")
                .getFirst();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.attempt()).isEqualTo(1);
    }

    @Test
    void retryAllReplaysWhatTheFilterMatches() {
        UUID sms1 = dead("payment.failed", Channel.SMS, Priority.HIGH);
        UUID sms2 = dead("payment.failed", Channel.SMS, Priority.LOW);
        UUID email = dead("order.shipped", Channel.EMAIL, Priority.NORMAL);

        DeadLetters.Replayed replayed = stores.deadLetters().retryAll(TENANT,
                new DeadLetterFilter(Channel.SMS, null, null), 100, clock.instant());

        assertThat(replayed.count()).isEqualTo(2);
        assertThat(replayed.lanes()).containsExactlyInAnyOrder(Priority.HIGH, Priority.LOW);
        assertThat(view(sms1).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(view(sms2).status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(stores.deadLetters().list(TENANT, DeadLetterFilter.all(), 10, null).items())
                .extracting(DeadLetter::deliveryId).containsExactly(email);
    }

    @Test
    void aDiscardedDeliveryIsCancelledAndKeptForTheRecord() {
        UUID id = dead("payment.failed", Channel.SMS, Priority.HIGH);

        assertThat(stores.deadLetters().discard(OTHER_TENANT, id, clock.instant())).isFalse();
        assertThat(stores.deadLetters().discard(TENANT, id, clock.instant())).isTrue();
        assertThat(stores.deadLetters().discard(TENANT, id, clock.instant())).isFalse();

        assertThat(view(id).status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(view(id).history()).extracting(h -> h.status())
                .containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.DEAD, DeliveryStatus.CANCELLED);
        assertThat(stores.deadLetters().retry(TENANT, id, clock.instant())).isEmpty();
    }

    @Test
    void anOutcomeFromAClaimOlderThanAReplayIsIgnored() {
        NewNotification n = aNotification().type("payment.failed").channels(Channel.SMS).to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        Duration lease = Duration.ofSeconds(30);
        // A worker takes the delivery and hangs; the next claim after its lease gives up on the delivery (DEAD).
        ClaimedDelivery hung = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), lease, "w1").getFirst();
        clock.advance(lease);
        ClaimedDelivery next = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), lease, "w2").getFirst();
        stores.queue().record(List.of(Outcome.notSent(next, DeliveryStatus.DEAD, clock.instant(), "twilio",
                "gave up")));
        // An operator replays it: its attempts start again from 0, so the new claim is attempt 1 once more.
        stores.deadLetters().retry(TENANT, next.id(), clock.instant());
        ClaimedDelivery replayed = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), lease, "w3").getFirst();
        assertThat(replayed.attempt()).isEqualTo(hung.attempt());

        assertThat(stores.queue().record(List.of(Outcome.notSent(hung, DeliveryStatus.FAILED, clock.instant(),
                "twilio", "the hung worker's late answer")))).isEmpty();
        assertThat(view(next.id()).status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(stores.queue().record(List.of(Outcome.sent(replayed, clock.instant(), "twilio", "SM1",
                null)))).hasSize(1);
        assertThat(view(next.id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view(next.id()).lastError()).isNull();
    }
}
