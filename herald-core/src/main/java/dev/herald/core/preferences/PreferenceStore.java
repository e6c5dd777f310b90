package dev.herald.core.preferences;

import dev.herald.core.model.TenantId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Port: users' preferences, read for many recipients in one round trip at intake. */
public interface PreferenceStore {
    void put(TenantId tenant, Preferences preferences);

    Optional<Preferences> find(TenantId tenant, String userId);

    Map<String, Preferences> findAll(TenantId tenant, Collection<String> userIds);
}
