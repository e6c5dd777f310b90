package dev.herald.core.statusout;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Status-webhook endpoints per tenant and their pending calls: one row per event and endpoint, kept until the
 * endpoint took it, it was given up, or the endpoint went away.
 */
public interface StatusWebhookStore {
    void create(StatusWebhook endpoint);

    List<StatusWebhook> list(TenantId tenant);

    Optional<StatusWebhook> find(TenantId tenant, UUID id);

    /** Deletes the endpoint and its pending calls; false when the tenant has no such endpoint. */
    boolean delete(TenantId tenant, UUID id);

    /**
     * Adds a pending call, due at {@code now}, for every event and every enabled endpoint it matches; an event
     * already added for an endpoint (a relay round repeated after a failure) is not added again.
     */
    void fanOut(List<StatusEvent> events, Instant now);

    /**
     * Takes up to {@code max} due calls (cross-tenant: the sender serves every tenant), each held until
     * {@code leaseUntil} so no other sender takes it meanwhile, its attempt counted.
     */
    List<StatusWebhookCall> claimDue(Instant now, int max, Instant leaseUntil);

    /** The endpoint took the call (or it is given up): it is forgotten. */
    void done(UUID callId);

    /** The call is tried again at {@code at}; {@code error} says why the last attempt failed. */
    void retryAt(UUID callId, Instant at, String error);

    /** The call was taken but not tried (its endpoint is busy): due again at {@code at}, no attempt counted. */
    void defer(UUID callId, Instant at);

    /** The endpoint answered 410: it is disabled and its pending calls dropped. */
    void disable(TenantId tenant, UUID endpointId, String reason, Instant at);

    /** Pending calls, all tenants (a gauge). */
    long pending();
}
