package dev.herald.testkit;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.TraceParent;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds planned notifications for store and queue tests: {@code aNotification().to("u1").build()}. */
public final class TestNotifications {
    private final IdGenerator ids;
    private TenantId tenant = TenantId.defaultTenant();
    private String type = "test.event";
    private Priority priority = Priority.NORMAL;
    private String idempotencyKey;
    private Instant at = Instant.parse("2026-01-01T00:00:00Z");
    private final List<String> users = new ArrayList<>();
    private List<Channel> channels = List.of(Channel.EMAIL);
    private Instant sendAt;
    private Instant expiresAt;
    private TraceParent trace;

    private TestNotifications(IdGenerator ids) {
        this.ids = ids;
    }

    public static TestNotifications aNotification(IdGenerator ids) {
        return new TestNotifications(ids);
    }

    public TestNotifications tenant(TenantId tenant) {
        this.tenant = tenant;
        return this;
    }

    public TestNotifications type(String type) {
        this.type = type;
        return this;
    }

    public TestNotifications priority(Priority priority) {
        this.priority = priority;
        return this;
    }

    public TestNotifications idempotencyKey(String key) {
        this.idempotencyKey = key;
        return this;
    }

    private boolean critical;

    public TestNotifications at(Instant at) {
        this.at = at;
        return this;
    }

    public TestNotifications to(String... userIds) {
        users.addAll(List.of(userIds));
        return this;
    }

    public TestNotifications channels(Channel... channels) {
        this.channels = List.of(channels);
        return this;
    }

    /** Scheduled: SCHEDULED and due at {@code sendAt}. */
    public TestNotifications sendAt(Instant sendAt) {
        this.sendAt = sendAt;
        return this;
    }

    public TestNotifications expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    /** Under the caller's W3C trace context. */
    public TestNotifications trace(TraceParent trace) {
        this.trace = trace;
        return this;
    }

    /** Of a critical type (planned as one: exempt from per-type choices); the lane stays what priority says. */
    public TestNotifications critical() {
        this.critical = true;
        return this;
    }

    public NewNotification build() {
        UUID id = ids.next();
        List<Delivery> deliveries = new ArrayList<>();
        for (String user : users.isEmpty() ? List.of("user-1") : users) {
            for (Channel channel : channels) {
                Delivery.Planned planned = Delivery.planned(ids.next(), id, channel, priority, user,
                        user + "@example.com");
                Message hello = new Message("Hello", "Hello " + user, "<p>Hello</p>");
                deliveries.add(sendAt == null ? planned.queued(at, hello, at, expiresAt)
                        : planned.scheduled(sendAt, hello, null, at, expiresAt));
            }
        }
        return new NewNotification(new Notification(id, tenant, type, priority, idempotencyKey, at, null, trace,
                critical), deliveries);
    }
}
