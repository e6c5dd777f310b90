package dev.herald.testkit;

import dev.herald.core.recipients.Device;
import dev.herald.core.recipients.PushAddress.PushPlatform;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class DeviceRegistryContract extends StoreContract {

    private Device device(String user, PushPlatform platform, String token) {
        return new Device(user, platform, token, clock.instant());
    }

    @Test
    void registeredDevicesAreListedPerUserAndLookedUpInBulk() {
        assertThat(stores.devices().register(TENANT, device("ann", PushPlatform.APNS, "a1"))).isTrue();
        assertThat(stores.devices().register(TENANT, device("ann", PushPlatform.FCM, "f1"))).isTrue();
        assertThat(stores.devices().register(TENANT, device("bob", PushPlatform.FCM, "f2"))).isTrue();

        assertThat(stores.devices().devicesOf(TENANT, "ann")).extracting(Device::token).containsExactly("a1", "f1");
        Map<String, List<Device>> both = stores.devices().devicesOf(TENANT, List.of("ann", "bob", "cy"));
        assertThat(both).containsOnlyKeys("ann", "bob");
        assertThat(both.get("bob")).extracting(Device::platform).containsExactly(PushPlatform.FCM);
    }

    @Test
    void registeringATokenAgainMovesItToTheNewUser() {
        stores.devices().register(TENANT, device("ann", PushPlatform.FCM, "shared"));

        assertThat(stores.devices().register(TENANT, device("bob", PushPlatform.FCM, "shared"))).isFalse();

        assertThat(stores.devices().devicesOf(TENANT, "ann")).isEmpty();
        assertThat(stores.devices().devicesOf(TENANT, "bob")).extracting(Device::token).containsExactly("shared");
    }

    @Test
    void removeNeedsTheOwnerAndForgetDropsTheTokenWhereverItIs() {
        stores.devices().register(TENANT, device("ann", PushPlatform.FCM, "t1"));
        stores.devices().register(TENANT, device("ann", PushPlatform.APNS, "t2"));

        assertThat(stores.devices().remove(TENANT, "bob", "t1")).isFalse();
        assertThat(stores.devices().remove(TENANT, "ann", "t1")).isTrue();
        assertThat(stores.devices().forget(TENANT, "t2")).isTrue();
        assertThat(stores.devices().forget(TENANT, "t2")).isFalse();
        assertThat(stores.devices().devicesOf(TENANT, "ann")).isEmpty();
    }

    @Test
    void devicesAreTenantScoped() {
        stores.devices().register(TENANT, device("ann", PushPlatform.FCM, "t1"));

        assertThat(stores.devices().devicesOf(OTHER_TENANT, "ann")).isEmpty();
        assertThat(stores.devices().forget(OTHER_TENANT, "t1")).isFalse();
        assertThat(stores.devices().devicesOf(TENANT, "ann")).hasSize(1);
    }
}
