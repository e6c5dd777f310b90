package dev.herald.core.suppression;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.workflow.WorkflowRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionCheckTest {
    private static final TenantId TENANT = TenantId.defaultTenant();
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final IdGenerator ids = new IdGenerator(new SettableClock(NOW));
    private final CountingList list = new CountingList();
    private final SuppressionCheck check = new SuppressionCheck(list);

    @Test
    void aDeliveryToASuppressedAddressIsSuppressedNamingTheEntry() {
        list.entries.put(SuppressedAddress.email("ann@example.com"), entry("ann@example.com",
                SuppressionReason.HARD_BOUNCE));
        NewNotification n = notification(Channel.EMAIL, "Ann@Example.com", "bob@example.com");

        List<NewNotification> checked = check.apply(TENANT, List.of(n), Set.of());

        assertThat(checked.getFirst().deliveries()).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.SUPPRESSED, DeliveryStatus.QUEUED);
        assertThat(checked.getFirst().deliveries().getFirst().error())
                .isEqualTo("address on the suppression list: HARD_BOUNCE since 2026-12-01T00:00:00Z (api)");
        assertThat(checked.getFirst().deliveries().getFirst().id()).isEqualTo(n.deliveries().getFirst().id());
    }

    @Test
    void aWholeBatchIsCheckedWithOneLookup() {
        List<NewNotification> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(notification(Channel.EMAIL, "u" + i + "@example.com"));
        }

        check.apply(TENANT, batch, Set.of());

        assertThat(list.lookups).isEqualTo(1);
    }

    @Test
    void criticalMailStillReachesAnUnsubscribedAddressButNotABouncedOne() {
        list.entries.put(SuppressedAddress.email("unsub@example.com"), entry("unsub@example.com",
                SuppressionReason.UNSUBSCRIBED));
        list.entries.put(SuppressedAddress.email("bounced@example.com"), entry("bounced@example.com",
                SuppressionReason.HARD_BOUNCE));
        NewNotification alert = notification(Channel.EMAIL, "unsub@example.com", "bounced@example.com");
        NewNotification newsletter = notification(Channel.EMAIL, "unsub@example.com");

        List<NewNotification> checked = check.apply(TENANT, List.of(alert, newsletter),
                Set.of(alert.notification().id()));

        assertThat(checked.get(0).deliveries()).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.SUPPRESSED);
        assertThat(checked.get(1).deliveries()).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.SUPPRESSED);
    }

    @Test
    void aWorkflowRunStaysWithItsNotificationWhenADeliveryIsSuppressed() {
        list.entries.put(SuppressedAddress.email("ann@example.com"), entry("ann@example.com",
                SuppressionReason.HARD_BOUNCE));
        NewNotification planned = notification(Channel.EMAIL, "ann@example.com");
        WorkflowRun run = new WorkflowRun(List.of(),
                List.of(new WorkflowRun.Hold(planned.deliveries().getFirst().id(), 2, null)));
        NewNotification withRun = new NewNotification(planned.notification(), planned.deliveries(), run);

        List<NewNotification> checked = check.apply(TENANT, List.of(withRun), Set.of());

        assertThat(checked.getFirst().deliveries()).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.SUPPRESSED);
        assertThat(checked.getFirst().run()).isSameAs(run);
    }

    @Test
    void channelsWithoutSuppressibleAddressesAreNotLookedUp() {
        check.apply(TENANT, List.of(notification(Channel.SLACK, "https://hooks.slack.com/x")), Set.of());

        assertThat(list.lookups).isZero();
    }

    private Suppression entry(String email, SuppressionReason reason) {
        return new Suppression(SuppressedAddress.email(email), reason, SuppressionSource.API,
                Instant.parse("2026-12-01T00:00:00Z"), null);
    }

    private NewNotification notification(Channel channel, String... addresses) {
        UUID id = ids.next();
        List<Delivery> deliveries = new ArrayList<>();
        for (String address : addresses) {
            deliveries.add(Delivery.planned(ids.next(), id, channel, Priority.NORMAL, "u", address)
                    .queued(NOW, new Message("s", "t", null), NOW, null));
        }
        return new NewNotification(new Notification(id, TENANT, "t", Priority.NORMAL, null, NOW, null, null),
                deliveries);
    }

    /** Only what the check calls; counts its lookups. */
    private static final class CountingList implements SuppressionList {
        final Map<SuppressedAddress, Suppression> entries = new HashMap<>();
        int lookups;

        @Override
        public Map<SuppressedAddress, Suppression> findAll(TenantId tenant, Collection<SuppressedAddress> addresses) {
            lookups++;
            Map<SuppressedAddress, Suppression> found = new HashMap<>();
            addresses.forEach(a -> Optional.ofNullable(entries.get(a)).ifPresent(s -> found.put(a, s)));
            return found;
        }

        @Override
        public boolean add(TenantId tenant, Suppression entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(TenantId tenant, SuppressedAddress address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Suppression> find(TenantId tenant, SuppressedAddress address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SuppressionPage list(TenantId tenant, SuppressionFilter filter, int limit, UUID after) {
            throw new UnsupportedOperationException();
        }
    }
}
