package dev.herald.core.types;

import dev.herald.core.model.TenantId;

import java.util.List;
import java.util.Optional;

/** Port: the tenant's notification types and their routing rules. */
public interface TypeStore {
    /** Creates or replaces the type; returns true when it did not exist before. */
    boolean put(TenantId tenant, NotificationType type);

    /** Creates the type only if the tenant has none of that name (shipping defaults never overwrite edits). */
    boolean putIfAbsent(TenantId tenant, NotificationType type);

    Optional<NotificationType> find(TenantId tenant, String name);

    List<NotificationType> list(TenantId tenant);

    boolean delete(TenantId tenant, String name);
}
