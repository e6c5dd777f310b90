package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusWebhook;
import dev.herald.core.statusout.StatusWebhookCall;
import dev.herald.core.statusout.StatusWebhookStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Status-webhook endpoints per tenant, and the pending calls the relay's fan-out leaves for the sender. */
public abstract class StatusWebhookStoreContract extends StoreContract {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private StatusWebhookStore store() {
        return stores.statusWebhooks();
    }

    private StatusWebhook endpoint(TenantId tenant, Set<DeliveryStatus> statuses, Set<String> types) {
        StatusWebhook e = new StatusWebhook(ids.next(), tenant, "https://hooks.example.com/" + UUID.randomUUID(),
                statuses, types, SECRET, clock.instant(), null, null);
        store().create(e);
        return e;
    }

    private StatusEvent event(TenantId tenant, DeliveryStatus status, String type) {
        return new StatusEvent(0, UUID.randomUUID(), tenant, UUID.randomUUID(), UUID.randomUUID(), type,
                Channel.EMAIL, status, clock.instant(), "smtp", null);
    }

    private List<StatusWebhookCall> due() {
        return store().claimDue(clock.instant(), 100, clock.instant().plusSeconds(30));
    }

    @Test
    void anEndpointIsListedAndFoundByItsTenantOnly() {
        StatusWebhook e = endpoint(TENANT, Set.of(DeliveryStatus.SENT), Set.of("order.shipped"));

        assertThat(store().list(TENANT)).containsExactly(e);
        assertThat(store().find(TENANT, e.id())).contains(e);
        assertThat(store().list(OTHER_TENANT)).isEmpty();
        assertThat(store().find(OTHER_TENANT, e.id())).isEmpty();
        assertThat(store().delete(OTHER_TENANT, e.id())).isFalse();
        assertThat(store().delete(TENANT, e.id())).isTrue();
        assertThat(store().list(TENANT)).isEmpty();
    }

    @Test
    void eventsBecomeCallsForTheEndpointsTheyMatchOnce() {
        StatusWebhook all = endpoint(TENANT, Set.of(), Set.of());
        StatusWebhook sentOnly = endpoint(TENANT, Set.of(DeliveryStatus.SENT), Set.of());
        StatusWebhook orders = endpoint(TENANT, Set.of(), Set.of("order.shipped"));
        endpoint(OTHER_TENANT, Set.of(), Set.of());
        StatusEvent sent = event(TENANT, DeliveryStatus.SENT, "payment.failed");
        StatusEvent queued = event(TENANT, DeliveryStatus.QUEUED, "order.shipped");

        store().fanOut(List.of(sent, queued), clock.instant());
        store().fanOut(List.of(sent, queued), clock.instant());

        List<StatusWebhookCall> calls = due();
        assertThat(calls).hasSize(4);
        assertThat(calls.stream().filter(c -> c.endpointId().equals(all.id()))).hasSize(2);
        assertThat(calls.stream().filter(c -> c.endpointId().equals(sentOnly.id())))
                .extracting(c -> c.event().eventId()).containsExactly(sent.eventId());
        assertThat(calls.stream().filter(c -> c.endpointId().equals(orders.id())))
                .extracting(c -> c.event().eventId()).containsExactly(queued.eventId());
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.secret()).isEqualTo(SECRET);
            assertThat(c.event().tenant()).isEqualTo(TENANT);
            assertThat(c.attempt()).isZero();
        });
    }

    @Test
    void aClaimedCallIsHeldUntilItsLeaseAndRetriedWhenDue() {
        endpoint(TENANT, Set.of(), Set.of());
        store().fanOut(List.of(event(TENANT, DeliveryStatus.SENT, "t")), clock.instant());
        StatusWebhookCall call = due().getFirst();
        assertThat(due()).isEmpty();

        store().retryAt(call.id(), clock.instant().plusSeconds(10), "HTTP 500");
        assertThat(due()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        StatusWebhookCall again = due().getFirst();
        assertThat(again.id()).isEqualTo(call.id());
        assertThat(again.attempt()).isEqualTo(1);

        store().defer(again.id(), clock.instant().plusSeconds(1));
        assertThat(due()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(due()).singleElement().satisfies(c -> assertThat(c.attempt()).isEqualTo(1));

        store().done(call.id());
        clock.advance(Duration.ofMinutes(1));
        assertThat(due()).isEmpty();
        assertThat(store().pending()).isZero();
    }

    @Test
    void aDisabledEndpointLosesItsCallsAndGetsNoNewOnes() {
        StatusWebhook e = endpoint(TENANT, Set.of(), Set.of());
        store().fanOut(List.of(event(TENANT, DeliveryStatus.SENT, "t")), clock.instant());

        store().disable(OTHER_TENANT, e.id(), "HTTP 410 Gone", clock.instant());
        assertThat(store().find(TENANT, e.id()).orElseThrow().disabledAt()).isNull();
        store().disable(TENANT, e.id(), "HTTP 410 Gone", clock.instant());
        store().fanOut(List.of(event(TENANT, DeliveryStatus.SENT, "t")), clock.instant());

        assertThat(due()).isEmpty();
        StatusWebhook disabled = store().find(TENANT, e.id()).orElseThrow();
        assertThat(disabled.disabledAt()).isEqualTo(clock.instant());
        assertThat(disabled.disabledReason()).isEqualTo("HTTP 410 Gone");
    }

    @Test
    void deletingAnEndpointDropsItsPendingCalls() {
        StatusWebhook e = endpoint(TENANT, Set.of(), Set.of());
        store().fanOut(List.of(event(TENANT, DeliveryStatus.SENT, "t")), clock.instant());

        store().delete(TENANT, e.id());

        assertThat(store().pending()).isZero();
    }
}
