package dev.herald.core.inbox;

import dev.herald.core.model.TenantId;

/** Port: told about every inbox change so live clients (Server-Sent Events) can be updated at once. */
public interface InboxListener {
    void changed(TenantId tenant, String userId, InboxEvent event);

    InboxListener NONE = (tenant, userId, event) -> { };
}
