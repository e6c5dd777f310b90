package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * Builds claimed deliveries for tests that hand one to a rule or a limiter without a queue:
 * {@code aClaimedDelivery().channel(SMS).attempt(2).build()}. Unless told otherwise the claim number is the attempt
 * (no replay, no deferral), as the queue would hand it out.
 */
public final class TestClaims {
    private UUID id = UUID.randomUUID();
    private TenantId tenant = TenantId.defaultTenant();
    private UUID notificationId = UUID.randomUUID();
    private String type = "test.event";
    private Channel channel = Channel.EMAIL;
    private Priority lane = Priority.NORMAL;
    private String userId = "user-1";
    private String address = "user-1@example.com";
    private Message message = new Message("Hello", "Hello user-1", null);
    private int attempt = 1;
    private Instant createdAt = Instant.parse("2026-01-01T00:00:00Z");
    private Instant expiresAt;
    private Long claim;

    private TestClaims() {
    }

    public static TestClaims aClaimedDelivery() {
        return new TestClaims();
    }

    public TestClaims id(UUID id) {
        this.id = id;
        return this;
    }

    public TestClaims tenant(TenantId tenant) {
        this.tenant = tenant;
        return this;
    }

    public TestClaims notificationId(UUID notificationId) {
        this.notificationId = notificationId;
        return this;
    }

    public TestClaims type(String type) {
        this.type = type;
        return this;
    }

    public TestClaims channel(Channel channel) {
        this.channel = channel;
        return this;
    }

    public TestClaims lane(Priority lane) {
        this.lane = lane;
        return this;
    }

    /** The user and the address the delivery goes to. */
    public TestClaims to(String userId, String address) {
        this.userId = userId;
        this.address = address;
        return this;
    }

    public TestClaims message(Message message) {
        this.message = message;
        return this;
    }

    public TestClaims attempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    public TestClaims createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public TestClaims expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    /** A claim number apart from the attempt, as after a deferral or a dead-letter replay. */
    public TestClaims claim(long claim) {
        this.claim = claim;
        return this;
    }

    public ClaimedDelivery build() {
        return new ClaimedDelivery(id, tenant, notificationId, type, channel, lane, userId, address, message, attempt,
                createdAt, expiresAt, claim != null ? claim : attempt);
    }
}
