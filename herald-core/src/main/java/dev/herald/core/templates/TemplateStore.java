package dev.herald.core.templates;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: versioned templates per tenant. Writing creates a new version and makes it the active one. */
public interface TemplateStore {
    TemplateVersion createVersion(TenantId tenant, TemplateKey key, String subject, String text, String html,
                                  Instant at);

    List<TemplateVersion> versions(TenantId tenant, TemplateKey key);

    Optional<TemplateVersion> active(TenantId tenant, TemplateKey key);

    /** Makes an earlier (or later) version the active one: a rollback is one call. False when no such version. */
    boolean activate(TenantId tenant, TemplateKey key, int version);
}
