package dev.herald.server.types;

import dev.herald.core.model.TenantId;
import dev.herald.core.templates.SeedTemplates;
import dev.herald.core.templates.TemplateStore;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.SeedTypes;
import dev.herald.core.types.TypeStore;

import java.time.Clock;

/**
 * On the first start (the default tenant with no types yet) and for every tenant made through the API, installs the
 * seed business rules and their English and Korean templates, so a newcomer can publish {@code order.shipped}
 * without defining anything; afterwards they are the tenant's to edit or delete.
 */
public final class SeedTypesBootstrap {
    private final TypeStore types;
    private final TemplateStore templates;
    private final Clock clock;

    public SeedTypesBootstrap(TypeStore types, TemplateStore templates, Clock clock) {
        this.types = types;
        this.templates = templates;
        this.clock = clock;
    }

    public void run() {
        install(TenantId.defaultTenant());
    }

    /** Installs the seeds for a tenant that has no types yet; a tenant with types is left as it is. */
    public void install(TenantId tenant) {
        if (!types.list(tenant).isEmpty()) {
            return;
        }
        for (NotificationType seed : SeedTypes.all(clock.instant())) {
            types.putIfAbsent(tenant, seed);
        }
        for (SeedTemplates.Seed seed : SeedTemplates.all()) {
            if (templates.versions(tenant, seed.key()).isEmpty()) {
                templates.createVersion(tenant, seed.key(), seed.subject(), seed.text(), seed.html(), clock.instant());
            }
        }
    }
}
