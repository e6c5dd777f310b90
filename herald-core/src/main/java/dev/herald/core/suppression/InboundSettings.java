package dev.herald.core.suppression;

import dev.herald.core.model.TenantId;

import java.util.Optional;

/** Port: each tenant's settings for provider events set through the API, one per provider (table tenant_inbound). */
public interface InboundSettings {
    Optional<InboundSetting> find(TenantId tenant, InboundProvider provider);

    /** Saves the tenant's settings for the provider, replacing what it had. */
    void save(InboundSetting setting);

    /** Forgets them (the callback falls back to configuration); false when the tenant had none. */
    boolean delete(TenantId tenant, InboundProvider provider);
}
