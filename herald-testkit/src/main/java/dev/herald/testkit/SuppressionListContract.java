package dev.herald.testkit;

import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.suppression.FeedbackEvent;
import dev.herald.core.suppression.ProviderFeedback;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.Suppression;
import dev.herald.core.suppression.SuppressionFilter;
import dev.herald.core.suppression.SuppressionPage;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.suppression.SuppressionSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant's suppression list: one entry per address, found in one lookup per batch, paged newest first. */
public abstract class SuppressionListContract extends StoreContract {

    private Suppression entry(String email, SuppressionReason reason) {
        return new Suppression(SuppressedAddress.email(email), reason, SuppressionSource.API, clock.instant(), null);
    }

    @Test
    void anAddedAddressIsFoundNormalisedAndTheFirstEntryStands() {
        assertThat(stores.suppressions().add(TENANT, entry("Ann@Example.com", SuppressionReason.HARD_BOUNCE)))
                .isTrue();
        clock.advance(Duration.ofMinutes(1));

        assertThat(stores.suppressions().add(TENANT, entry("ann@example.com", SuppressionReason.COMPLAINT)))
                .isFalse();

        Suppression found = stores.suppressions().find(TENANT, SuppressedAddress.email("ANN@example.COM"))
                .orElseThrow();
        assertThat(found.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.address().address()).isEqualTo("ann@example.com");
    }

    @Test
    void tenantsDoNotSeeEachOthersEntries() {
        stores.suppressions().add(TENANT, entry("ann@example.com", SuppressionReason.MANUAL));

        assertThat(stores.suppressions().find(OTHER_TENANT, SuppressedAddress.email("ann@example.com"))).isEmpty();
        assertThat(stores.suppressions().findAll(OTHER_TENANT, List.of(SuppressedAddress.email("ann@example.com"))))
                .isEmpty();
        assertThat(stores.suppressions().remove(OTHER_TENANT, SuppressedAddress.email("ann@example.com"))).isFalse();
        assertThat(stores.suppressions().list(OTHER_TENANT, SuppressionFilter.ALL, 10, null).items()).isEmpty();
    }

    @Test
    void oneLookupFindsEveryEntryAmongManyAddressesOfEveryKind() {
        UUID cause = UUID.randomUUID();
        stores.suppressions().add(TENANT, entry("a@example.com", SuppressionReason.HARD_BOUNCE));
        stores.suppressions().add(TENANT, new Suppression(SuppressedAddress.phone("+821012345678"),
                SuppressionReason.INVALID_NUMBER, SuppressionSource.TWILIO, clock.instant(), cause));
        stores.suppressions().add(TENANT, new Suppression(SuppressedAddress.pushToken("tok-1"),
                SuppressionReason.DEAD_TOKEN, SuppressionSource.PUSH, clock.instant(), null));
        List<SuppressedAddress> asked = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            asked.add(SuppressedAddress.email("u" + i + "@example.com"));
        }
        asked.add(SuppressedAddress.email("A@example.com"));
        asked.add(SuppressedAddress.phone("+821012345678"));
        asked.add(SuppressedAddress.pushToken("fcm:tok-1"));

        Map<SuppressedAddress, Suppression> found = stores.suppressions().findAll(TENANT, asked);

        assertThat(found).hasSize(3);
        assertThat(found.get(SuppressedAddress.phone("+821012345678")).deliveryId()).isEqualTo(cause);
        assertThat(found.get(SuppressedAddress.phone("+821012345678")).source()).isEqualTo(SuppressionSource.TWILIO);
        assertThat(found.get(SuppressedAddress.pushToken("tok-1")).reason()).isEqualTo(SuppressionReason.DEAD_TOKEN);
    }

    @Test
    void aRemovedAddressIsNoLongerSuppressed() {
        stores.suppressions().add(TENANT, entry("ann@example.com", SuppressionReason.MANUAL));

        assertThat(stores.suppressions().remove(TENANT, SuppressedAddress.email("ANN@example.com"))).isTrue();

        assertThat(stores.suppressions().find(TENANT, SuppressedAddress.email("ann@example.com"))).isEmpty();
        assertThat(stores.suppressions().remove(TENANT, SuppressedAddress.email("ann@example.com"))).isFalse();
    }

    @Test
    void theListPagesNewestFirstAndFiltersByReasonAndAddress() {
        for (int i = 0; i < 5; i++) {
            stores.suppressions().add(TENANT, entry("u" + i + "@example.com",
                    i % 2 == 0 ? SuppressionReason.HARD_BOUNCE : SuppressionReason.COMPLAINT));
            clock.advance(Duration.ofSeconds(1));
        }

        SuppressionPage first = stores.suppressions().list(TENANT, SuppressionFilter.ALL, 2, null);
        SuppressionPage second = stores.suppressions().list(TENANT, SuppressionFilter.ALL, 2, first.nextCursor());
        SuppressionPage last = stores.suppressions().list(TENANT, SuppressionFilter.ALL, 2, second.nextCursor());

        assertThat(first.items()).extracting(s -> s.address().address())
                .containsExactly("u4@example.com", "u3@example.com");
        assertThat(second.items()).extracting(s -> s.address().address())
                .containsExactly("u2@example.com", "u1@example.com");
        assertThat(last.items()).extracting(s -> s.address().address()).containsExactly("u0@example.com");
        assertThat(last.nextCursor()).isNull();
        assertThat(stores.suppressions().list(TENANT, new SuppressionFilter(SuppressionReason.COMPLAINT, null), 10,
                null).items()).extracting(s -> s.address().address())
                .containsExactly("u3@example.com", "u1@example.com");
        assertThat(stores.suppressions().list(TENANT, new SuppressionFilter(null,
                SuppressedAddress.email("U2@example.com")), 10, null).items()).hasSize(1);
    }

    // --- provider feedback against the real stores ------------------------------------------------------------

    private ClaimedDelivery sentEmail(String messageId) {
        NewNotification n = aNotification().to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery claimed = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), Duration.ofSeconds(30),
                "w").getFirst();
        stores.queue().record(List.of(Outcome.sent(claimed, clock.instant(), "smtp", messageId, null)));
        return claimed;
    }

    @Test
    void aHardBounceFailsTheDeliveryItNamesOnceAndSuppressesTheAddress() {
        ClaimedDelivery sent = sentEmail("<m1@herald>");
        ProviderFeedback feedback = new ProviderFeedback(stores.notifications(), stores.suppressions());
        clock.advance(Duration.ofMinutes(5));
        FeedbackEvent bounce = FeedbackEvent.of(FeedbackEvent.Kind.HARD_BOUNCE, SuppressionSource.SES,
                SuppressedAddress.email("ann@example.com"), "<m1@herald>", "Permanent/General", clock.instant());
        int outboxBefore = stores.statusOutbox().oldest(1000).size();

        assertThat(feedback.apply(TENANT, bounce)).isEqualTo(ProviderFeedback.Outcome.APPLIED);
        assertThat(feedback.apply(TENANT, bounce)).isEqualTo(ProviderFeedback.Outcome.DUPLICATE);

        assertThat(view(sent.id()).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(view(sent.id()).history()).filteredOn(h -> h.status() == DeliveryStatus.FAILED).hasSize(1)
                .first().satisfies(h -> assertThat(h.detail()).contains("bounced").contains("Permanent/General"));
        List<StatusEvent> events = stores.statusOutbox().oldest(1000);
        assertThat(events).hasSize(outboxBefore + 1);
        assertThat(events.getLast().status()).isEqualTo(DeliveryStatus.FAILED);
        Suppression entry = stores.suppressions().find(TENANT, SuppressedAddress.email("ann@example.com"))
                .orElseThrow();
        assertThat(entry.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
        assertThat(entry.deliveryId()).isEqualTo(sent.id());
    }

    @Test
    void aProviderNamingTheMessageWithoutBracketsOrByASecondIdStillFindsTheDelivery() {
        ClaimedDelivery sent = sentEmail("<m4@herald>");
        ProviderFeedback feedback = new ProviderFeedback(stores.notifications(), stores.suppressions());

        assertThat(feedback.apply(TENANT, new FeedbackEvent(FeedbackEvent.Kind.HARD_BOUNCE, SuppressionSource.SES,
                SuppressedAddress.email("ann@example.com"), List.of("0100-ses-own-id-000000", "m4@herald"),
                "Permanent/General", clock.instant()))).isEqualTo(ProviderFeedback.Outcome.APPLIED);

        assertThat(view(sent.id()).status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void anotherTenantsMessageIdMatchesNothing() {
        sentEmail("<m2@herald>");

        assertThat(stores.notifications().findDeliveryByProviderMessageId(OTHER_TENANT, "<m2@herald>")).isEmpty();
        assertThat(stores.notifications().findDeliveryByProviderMessageId(TENANT, "<m2@herald>")).isPresent();
    }

    @Test
    void aComplaintSuppressesWithoutMovingTheDeliveryAndASoftBounceChangesNothing() {
        ClaimedDelivery sent = sentEmail("<m3@herald>");
        ProviderFeedback feedback = new ProviderFeedback(stores.notifications(), stores.suppressions());

        assertThat(feedback.apply(TENANT, FeedbackEvent.of(FeedbackEvent.Kind.SOFT_BOUNCE, SuppressionSource.SES,
                SuppressedAddress.email("ann@example.com"), "<m3@herald>", "Transient", clock.instant())))
                .isEqualTo(ProviderFeedback.Outcome.SOFT_BOUNCE);
        assertThat(stores.suppressions().find(TENANT, SuppressedAddress.email("ann@example.com"))).isEmpty();

        assertThat(feedback.apply(TENANT, FeedbackEvent.of(FeedbackEvent.Kind.COMPLAINT,
                SuppressionSource.SENDGRID, SuppressedAddress.email("ann@example.com"), "<m3@herald>", null,
                clock.instant()))).isEqualTo(ProviderFeedback.Outcome.APPLIED);

        assertThat(view(sent.id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(stores.suppressions().find(TENANT, SuppressedAddress.email("ann@example.com")).orElseThrow()
                .reason()).isEqualTo(SuppressionReason.COMPLAINT);
    }

    @Test
    void aDeliveryReceiptMovesTheSentDeliveryOnceListsNothingAndOneForAnUnknownMessageIsUnmatched() {
        ClaimedDelivery sent = sentEmail("0102018c7f3a9b1e-5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-000000");
        ProviderFeedback feedback = new ProviderFeedback(stores.notifications(), stores.suppressions());
        FeedbackEvent delivered = new FeedbackEvent(FeedbackEvent.Kind.DELIVERED, SuppressionSource.SES,
                SuppressedAddress.email("ann@example.com"),
                List.of("0102018c7f3a9b1e-5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-000000", "<m5@herald>"), null,
                clock.instant());

        assertThat(feedback.apply(TENANT, delivered)).isEqualTo(ProviderFeedback.Outcome.APPLIED);
        assertThat(feedback.apply(TENANT, delivered)).isEqualTo(ProviderFeedback.Outcome.DUPLICATE);
        assertThat(feedback.apply(OTHER_TENANT, delivered)).isEqualTo(ProviderFeedback.Outcome.UNMATCHED);

        assertThat(view(sent.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(view(sent.id()).history()).filteredOn(h -> h.status() == DeliveryStatus.DELIVERED).hasSize(1);
        assertThat(stores.suppressions().find(TENANT, SuppressedAddress.email("ann@example.com"))).isEmpty();
    }

    @Test
    void aDropFailsTheSentDeliveryWithTheProvidersReasonAndListsOnlyWhenItSaysTheAddressBouncedOrComplained() {
        ClaimedDelivery unsubscribed = sentEmail("<m6@herald>");
        ClaimedDelivery complained = sentEmail("<m7@herald>");
        ProviderFeedback feedback = new ProviderFeedback(stores.notifications(), stores.suppressions());

        assertThat(feedback.apply(TENANT, FeedbackEvent.of(FeedbackEvent.Kind.DROPPED, SuppressionSource.SENDGRID,
                SuppressedAddress.email("ann@example.com"), "<m6@herald>", "Unsubscribed Address", clock.instant())))
                .isEqualTo(ProviderFeedback.Outcome.APPLIED);
        assertThat(feedback.apply(TENANT, FeedbackEvent.of(FeedbackEvent.Kind.DROPPED_AFTER_COMPLAINT,
                SuppressionSource.SENDGRID, SuppressedAddress.email("bob@example.com"), "<m7@herald>",
                "Spam Reporting Address", clock.instant()))).isEqualTo(ProviderFeedback.Outcome.APPLIED);

        assertThat(view(unsubscribed.id()).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(view(unsubscribed.id()).lastError()).isEqualTo("dropped (sendgrid: Unsubscribed Address)");
        assertThat(stores.suppressions().find(TENANT, SuppressedAddress.email("ann@example.com"))).isEmpty();
        assertThat(view(complained.id()).status()).isEqualTo(DeliveryStatus.FAILED);
        Suppression entry = stores.suppressions().find(TENANT, SuppressedAddress.email("bob@example.com"))
                .orElseThrow();
        assertThat(entry.reason()).isEqualTo(SuppressionReason.COMPLAINT);
        assertThat(entry.deliveryId()).isEqualTo(complained.id());
    }
}
