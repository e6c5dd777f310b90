package dev.herald.core.types;

import dev.herald.core.model.TenantId;

import java.util.Optional;

/** Looks a type's rule up on the hot path (the server puts a cache in front of the store). */
@FunctionalInterface
public interface TypeCatalog {
    Optional<NotificationType> find(TenantId tenant, String type);

    TypeCatalog NONE = (tenant, type) -> Optional.empty();
}
