package dev.herald.testkit;

import dev.herald.core.notification.DeliveryView;
import java.util.UUID;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;

/**
 * Base of every contract test: fresh, empty stores per test, two tenants, and a clock the test moves.
 * A backend runs a contract with an empty subclass that registers a {@link org.junit.jupiter.api.extension.ParameterResolver}
 * for {@link StorePorts} giving stores over an empty, migrated database.
 */
public abstract class StoreContract {
    protected static final TenantId TENANT = TenantId.defaultTenant();
    protected static final TenantId OTHER_TENANT = new TenantId("other");
    protected static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    protected final SettableClock clock = new SettableClock(T0);
    protected final IdGenerator ids = new IdGenerator(clock);
    protected StorePorts stores;

    @BeforeEach
    void openStores(StorePorts fresh) {
        stores = fresh;
        stores.apiKeys().ensureTenant(TENANT, "Default");
        stores.apiKeys().ensureTenant(OTHER_TENANT, "Other");
    }

    protected TestNotifications aNotification() {
        return TestNotifications.aNotification(ids).at(clock.instant());
    }

    /** One delivery as the API shows it, found by its id alone. */
    protected DeliveryView view(UUID deliveryId) {
        UUID notificationId = stores.notifications().findDelivery(deliveryId).orElseThrow().notificationId();
        return stores.notifications().find(TENANT, notificationId).orElseThrow().deliveries().stream()
                .filter(d -> d.id().equals(deliveryId)).findFirst().orElseThrow();
    }
}
