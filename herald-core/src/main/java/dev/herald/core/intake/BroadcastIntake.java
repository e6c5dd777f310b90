package dev.herald.core.intake;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.broadcast.BroadcastTemplate;
import dev.herald.core.broadcast.PlannedChunk;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.CanonicalText;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.DuplicateIdempotencyKeyException;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.ValidNotification;
import dev.herald.core.topics.Subscriber;
import dev.herald.core.topics.TopicKey;
import dev.herald.core.topics.TopicStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notifications to a topic: accepting one writes only the broadcast (the request and its audience, the topic's
 * subscribers up to now) before answering; a runner plans each subscriber's notification later, chunk by chunk,
 * through {@link #planChunk}, which is the same planning as any notification's.
 */
public final class BroadcastIntake {
    private final Intake intake;
    private final RequestRules rules;
    private final TopicStore topics;
    private final BroadcastStore broadcasts;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration idempotencyTtl;

    public BroadcastIntake(Intake intake, RequestRules rules, TopicStore topics, BroadcastStore broadcasts,
                           IdGenerator ids, Clock clock, Duration idempotencyTtl) {
        this.intake = intake;
        this.rules = rules;
        this.topics = topics;
        this.broadcasts = broadcasts;
        this.ids = ids;
        this.clock = clock;
        this.idempotencyTtl = idempotencyTtl;
    }

    /** Validates the request as any notification (but for its recipients) and writes the broadcast. */
    public AcceptedBroadcast accept(TenantId tenant, String topic, NotificationRequest request) {
        if (!TopicKey.isValid(topic)) {
            throw InvalidRequestException.of("topic", "format", TopicKey.RULE);
        }
        ValidNotification asked = rules.validateTemplate(request);
        if (asked.priority() != null && asked.priority() != Priority.LOW) {
            throw InvalidRequestException.of("priority", "topic-lane", "a notification to a topic is sent on the "
                    + "LOW lane, so that it never delays transactional traffic; leave priority out or give LOW");
        }
        String hash = fingerprint(topic, asked);
        Optional<AcceptedBroadcast> earlier = replay(tenant, asked.idempotencyKey(), hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        // Routed now only to refuse what could never be sent (no channels); each chunk is routed again.
        Intake.checkTimes(intake.route(tenant, asked), clock.instant());
        if (topics.find(tenant, topic).isEmpty()) {
            throw InvalidRequestException.of("topic", "unknown-topic", "no topic '" + topic
                    + "'; create it with PUT /api/v1/topics/" + topic);
        }
        Instant now = clock.instant();
        Broadcast broadcast = Broadcast.accepted(ids.next(), tenant, topic, new BroadcastTemplate(asked.type(),
                        asked.channels(), asked.content(), asked.data(), asked.sendAt(), asked.expiresAt(),
                        request.trace()), asked.idempotencyKey(), asked.idempotencyKey() == null ? null : hash,
                topics.lastPosition(tenant, topic), now);
        try {
            broadcasts.create(broadcast);
        } catch (DuplicateIdempotencyKeyException raced) {
            return replay(tenant, asked.idempotencyKey(), hash).orElseThrow(() -> raced);
        }
        return new AcceptedBroadcast(broadcast, false);
    }

    /**
     * Plans one chunk of subscribers: a notification each, on the LOW lane, planned as if sent to that subscriber
     * alone. Throws {@link InvalidRequestException} when the request itself can no longer be planned (it expired,
     * its type lost its channels): the broadcast then stops.
     */
    public PlannedChunk planChunk(Broadcast broadcast, List<Subscriber> chunk) {
        BroadcastTemplate t = broadcast.template();
        ValidNotification asked = new ValidNotification(t.type(), List.of(), t.channels(), Priority.LOW,
                t.content(), t.data(), null, t.sendAt(), t.expiresAt());
        ValidNotification routed = intake.route(broadcast.tenant(), asked);
        // Whatever the type says: a broadcast's deliveries go on the LOW lane (a critical type keeps its other rules).
        ValidNotification low = routed.routedBy(routed.channels(), Priority.LOW, routed.routing());
        List<PlannedChunk.ForUser> planned = intake.planEach(broadcast.tenant(), low, !t.channels().isEmpty(),
                chunk.stream().map(Subscriber::userId).toList(), t.trace());
        return new PlannedChunk(planned, chunk.size() - planned.size(), chunk.getLast().position());
    }

    private Optional<AcceptedBroadcast> replay(TenantId tenant, String key, String hash) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<Broadcast> earlier = broadcasts.findByIdempotencyKey(tenant, key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get().createdAt().plus(idempotencyTtl).isAfter(clock.instant())) {
            broadcasts.releaseIdempotencyKey(tenant, key, earlier.get().id());
            return Optional.empty();
        }
        if (!hash.equals(earlier.get().requestHash())) {
            throw InvalidRequestException.conflict("idempotencyKey", "reused", "'" + key + "' was already used "
                    + "for a different broadcast; use a new key for a new one, or repeat the original exactly");
        }
        return Optional.of(new AcceptedBroadcast(earlier.get(), true));
    }

    /** What the caller asked, topic included, as in {@link RequestFingerprint}. */
    private static String fingerprint(String topic, ValidNotification n) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("topic", topic);
        parts.put("request", RequestFingerprint.of(n));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalText.of(parts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
