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

    /**
     * Deletes the user and what belongs to them (push devices, preferences, inbox messages) and moves their token
     * generation on, all in one transaction; false (and nothing changed) when there was no such user. Their
     * notifications' history stays: it records what was sent.
     */
    boolean delete(TenantId tenant, String userId);
}
