package dev.herald.core.inbox;

import dev.herald.core.model.TenantId;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Inbox fan-out within this process (the embedded default, one node): subscribers hear a change at once. */
public final class LocalInboxFanOut implements InboxFanOut {
    private final List<InboxListener> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(TenantId tenant, String userId, InboxEvent event) {
        subscribers.forEach(s -> s.changed(tenant, userId, event));
    }

    @Override
    public Subscription subscribe(InboxListener local) {
        InboxListener mine = local::changed;
        subscribers.add(mine);
        return () -> subscribers.remove(mine);
    }
}
