package dev.herald.redis;

import dev.herald.core.inbox.InboxEvent;
import dev.herald.core.inbox.InboxFanOut;
import dev.herald.core.inbox.InboxListener;
import dev.herald.core.inbox.InboxMessage;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Inbox changes to every node through one Redis pub/sub channel ({@code herald:inbox}): every node hears every
 * change and passes it to its live streams, which ignore users with no stream open there. At most once: a node that
 * was disconnected when a change was published leaves its streams without it; the browser catches up when it
 * reconnects (a stream opens with the current unread count). When Redis cannot take a change, this node's own
 * streams still get it.
 */
public final class RedisInboxFanOut implements InboxFanOut {
    private static final Logger log = LoggerFactory.getLogger(RedisInboxFanOut.class);

    /** What travels: the event's kind, and the message only for a new one. */
    record Wire(String tenant, String userId, String kind, InboxMessage message, long unread) {
    }

    private final RedisConnections redis;
    private final String channel;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<InboxListener> local = new CopyOnWriteArrayList<>();
    private final Runnable stop;

    public RedisInboxFanOut(RedisConnections redis) {
        this(redis, "herald:inbox");
    }

    /** @param channel the pub/sub channel; deployments sharing one Redis give each its own */
    public RedisInboxFanOut(RedisConnections redis, String channel) {
        this.redis = redis;
        this.channel = channel;
        this.stop = redis.listen(channel, this::heard);
    }

    @Override
    public void publish(TenantId tenant, String userId, InboxEvent event) {
        Wire wire = switch (event) {
            case InboxEvent.NewMessage added -> new Wire(tenant.value(), userId, "message", added.message(),
                    added.unread());
            case InboxEvent.UnreadCount count -> new Wire(tenant.value(), userId, "unread", null, count.unread());
        };
        if (!redis.publish(channel, json.writeValueAsString(wire))) {
            tell(tenant, userId, event);
        }
    }

    @Override
    public Subscription subscribe(InboxListener listener) {
        InboxListener mine = listener::changed;
        local.add(mine);
        return () -> local.remove(mine);
    }

    private void heard(String text) {
        Wire wire;
        try {
            wire = json.readValue(text, Wire.class);
        } catch (RuntimeException e) {
            log.warn("an unreadable inbox event on redis was skipped: {}", FailureKind.of(e));
            return;
        }
        InboxEvent event = "message".equals(wire.kind()) ? new InboxEvent.NewMessage(wire.message(), wire.unread())
                : new InboxEvent.UnreadCount(wire.unread());
        tell(new TenantId(wire.tenant()), wire.userId(), event);
    }

    private void tell(TenantId tenant, String userId, InboxEvent event) {
        local.forEach(l -> l.changed(tenant, userId, event));
    }

    /** Stops listening on the channel (the connections belong to their owner). */
    public void close() {
        stop.run();
    }
}
