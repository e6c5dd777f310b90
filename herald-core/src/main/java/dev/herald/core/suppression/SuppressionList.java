package dev.herald.core.suppression;

import dev.herald.core.model.TenantId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Port: each tenant's suppressed addresses, keyed by (tenant, address kind, normalised address). */
public interface SuppressionList {
    /** The most addresses one {@link #findAll} call looks up. */
    int MAX_LOOKUP = 1000;

    /**
     * Adds the entry unless the tenant already has one for the address: the first entry stands (its reason, source
     * and time), so a repeated provider event changes nothing.
     *
     * @return true when the entry was added
     */
    boolean add(TenantId tenant, Suppression entry);

    /** @return false when the tenant had no entry for the address */
    boolean remove(TenantId tenant, SuppressedAddress address);

    Optional<Suppression> find(TenantId tenant, SuppressedAddress address);

    /**
     * The entries among {@code addresses} (at most {@link #MAX_LOOKUP}), in one lookup: what planning asks once per
     * planned batch.
     */
    Map<SuppressedAddress, Suppression> findAll(TenantId tenant, Collection<SuppressedAddress> addresses);

    /** Newest first; {@code after} is the previous page's {@code nextCursor} (null for the first page). */
    SuppressionPage list(TenantId tenant, SuppressionFilter filter, int limit, UUID after);
}
