package dev.herald.core.recipients;

import dev.herald.core.model.TenantId;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: the push devices of the tenant's users. A token belongs to one user; registering it again moves it. */
public interface DeviceRegistry {
    /** Registers (or moves to this user) the device; returns true when the token was not registered before. */
    boolean register(TenantId tenant, Device device);

    List<Device> devicesOf(TenantId tenant, String userId);

    /** Every device of many users in one round trip; users without devices are absent. */
    Map<String, List<Device>> devicesOf(TenantId tenant, Collection<String> userIds);

    boolean remove(TenantId tenant, String userId, String token);

    /** Forgets a token wherever it is registered: the push service said it is dead. */
    boolean forget(TenantId tenant, String token);
}
