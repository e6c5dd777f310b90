package dev.herald.core.recipients;

import dev.herald.core.model.TenantId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Port: the tenant's users and their addresses. */
public interface UserDirectory {
    /** Creates or replaces the user; returns true when the user did not exist before. */
    boolean put(TenantId tenant, User user);

    Optional<User> find(TenantId tenant, String userId);

    /** Looks up many users in one round trip; ids with no user are simply absent from the map. */
    Map<String, User> findAll(TenantId tenant, Collection<String> userIds);

    boolean delete(TenantId tenant, String userId);
}
