package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.time.Duration;

/** Asked by the dispatcher before each send: a suspended tenant's deliveries wait, without using an attempt. */
@FunctionalInterface
public interface SuspendedTenants {
    SuspendedTenants NONE = tenant -> false;

    boolean isSuspended(TenantId tenant);

    /**
     * How long a suspended tenant's due delivery waits before it is looked at again. Claiming and deferring costs a
     * claim per waiting delivery per period, cheap for the rare suspended tenant and needing no second queue; a
     * resumed tenant's deliveries go out within one period.
     */
    default Duration recheckAfter() {
        return Duration.ofSeconds(30);
    }
}
