package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

/** Asked by the dispatcher before each send: a suspended tenant's deliveries wait, without using an attempt. */
@FunctionalInterface
public interface SuspendedTenants {
    SuspendedTenants NONE = tenant -> false;

    boolean isSuspended(TenantId tenant);
}
