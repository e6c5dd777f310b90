package dev.herald.core.tenancy;

import dev.herald.core.model.TenantId;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: the tenants an operator manages. */
public interface TenantStore {
    /**
     * Creates the tenant and its first admin key in one transaction.
     *
     * @return false (and nothing written) when a tenant with this id exists
     */
    boolean create(Tenant tenant, ApiKey firstAdminKey);

    Optional<Tenant> find(TenantId id);

    /** Tenants in id order after {@code afterId} (null for the first page), at most {@code max}. */
    List<Tenant> list(String afterId, int max);

    /**
     * Renames and/or suspends or resumes the tenant (an empty field is left as it is); a change of suspension moves
     * the access version on in the same transaction.
     *
     * @return the tenant as it is now, or empty when there is none
     */
    Optional<Tenant> update(TenantId id, Optional<String> name, Optional<Boolean> suspended);

    /**
     * Removes a tenant that has no users and no notifications, with its keys, secrets, types, templates and
     * preferences, in one transaction that also moves the access version on.
     */
    Removal remove(TenantId id);

    /** The tenants suspended now. */
    Set<TenantId> suspended();

    /** What {@link #remove} did. */
    enum Removal {
        REMOVED, NOT_FOUND, NOT_EMPTY
    }
}
