package dev.herald.core.intake;

import dev.herald.core.request.ValidNotification;
import dev.herald.core.request.RecipientSpec;
import dev.herald.core.broadcast.PlannedChunk;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.TraceParent;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.DuplicateIdempotencyKeyException;
import dev.herald.core.notification.IdempotentRequest;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.recipients.Recipient;
import dev.herald.core.recipients.RecipientResolver;
import dev.herald.core.routing.DeliveryPlanner;
import dev.herald.core.suppression.SuppressionCheck;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.notification.StatusChange;
import dev.herald.core.types.NotificationType;
import dev.herald.core.templates.TemplateContent;
import dev.herald.core.types.TypeCatalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Accepts notifications: validates, resolves recipients, plans deliveries and writes everything in one
 * transaction before answering, so what the caller is told was accepted is durable and complete.
 */
public final class Intake {
    private final RequestRules rules;
    private final RecipientResolver recipients;
    private final DeliveryPlanner planner;
    private final NotificationStore store;
    private final LaneSignals signals;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration idempotencyTtl;
    private final TypeCatalog types;
    private final TemplateContent templates;
    private final BulkIntakeGate gate;
    private final SuppressionCheck suppressions;

    /**
     * @param idempotencyTtl how long an idempotency key answers with the notification it created
     * @param types          the tenants' routing rules, which fill in what a request leaves out
     * @param templates      the content of requests that bring none (a type's templates)
     */
    public Intake(RequestRules rules, RecipientResolver recipients, DeliveryPlanner planner, NotificationStore store,
                  LaneSignals signals, IdGenerator ids, Clock clock, Duration idempotencyTtl,
                  TypeCatalog types, TemplateContent templates) {
        this(rules, recipients, planner, store, signals, ids, clock, idempotencyTtl, types, templates,
                BulkIntakeGate.open(clock), SuppressionCheck.NONE);
    }

    /**
     * @param gate         holds bulk batches back while urgent notifications arrive
     * @param suppressions turns deliveries to suppressed addresses into SUPPRESSED ones, one lookup per batch
     */
    public Intake(RequestRules rules, RecipientResolver recipients, DeliveryPlanner planner, NotificationStore store,
                  LaneSignals signals, IdGenerator ids, Clock clock, Duration idempotencyTtl,
                  TypeCatalog types, TemplateContent templates, BulkIntakeGate gate, SuppressionCheck suppressions) {
        this.gate = gate;
        this.suppressions = suppressions;
        this.idempotencyTtl = idempotencyTtl;
        this.types = types;
        this.templates = templates;
        this.rules = rules;
        this.recipients = recipients;
        this.planner = planner;
        this.store = store;
        this.signals = signals;
        this.ids = ids;
        this.clock = clock;
    }

    private static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(366);

    public Accepted accept(TenantId tenant, NotificationRequest request) {
        // Replays are recognised by what the caller asked, before the type fills anything in: editing a type must
        // not turn a retry into a conflict.
        ValidNotification asked = rules.validate(request);
        Optional<Accepted> earlier = replay(tenant, asked);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        ValidNotification valid = route(tenant, asked);
        if (valid.priority().urgent()) {
            gate.urgentArrived();
        }
        NewNotification unchecked = plan(tenant, valid, asked, request.trace());
        NewNotification planned = suppressions.apply(tenant, List.of(unchecked), valid.routing().critical()
                ? Set.of(unchecked.notification().id()) : Set.of()).getFirst();
        try {
            store.save(tenant, List.of(planned));
        } catch (DuplicateIdempotencyKeyException raced) {
            // A concurrent request with the same key committed first: answer with its result.
            return replay(tenant, asked).orElseThrow(() -> raced);
        }
        signals.wake(valid.priority());
        return new Accepted(viewOf(planned), false);
    }

    /**
     * Accepts every valid item of a batch in one transaction; invalid items are refused one by one. The whole batch
     * is refused, nothing written, if its items would write more than {@code maxDeliveries} deliveries.
     */
    public List<BatchItem> acceptBatch(TenantId tenant, List<NotificationRequest> requests, int maxDeliveries) {
        // Read from what was asked, before any work: a type that makes its notifications urgent is not seen here,
        // so such a batch may wait for a permit while alerts arrive, never longer than a bulk batch's turn.
        if (requests.stream().anyMatch(r -> urgent(r.priority()))) {
            gate.urgentArrived();
            return acceptBatchNow(tenant, requests, maxDeliveries);
        }
        return gate.bulk(() -> acceptBatchNow(tenant, requests, maxDeliveries));
    }

    private static boolean urgent(String askedPriority) {
        return "CRITICAL".equalsIgnoreCase(askedPriority) || "HIGH".equalsIgnoreCase(askedPriority);
    }

    private List<BatchItem> acceptBatchNow(TenantId tenant, List<NotificationRequest> requests, int maxDeliveries) {
        List<BatchItem> results = new ArrayList<>(requests.size());
        List<NewNotification> toSave = new ArrayList<>();
        // Where each planned notification's answer goes, filled once the batch's one suppression lookup is done.
        List<Integer> slots = new ArrayList<>();
        Set<UUID> critical = new HashSet<>();
        Set<Priority> lanes = EnumSet.noneOf(Priority.class);
        long deliveries = 0;
        boolean tooMany = false;
        for (NotificationRequest request : requests) {
            try {
                ValidNotification asked = rules.validate(request);
                Optional<Accepted> earlier = replay(tenant, asked);
                if (earlier.isPresent()) {
                    results.add(new BatchItem.AcceptedItem(earlier.get()));
                    continue;
                }
                ValidNotification valid = route(tenant, asked);
                NewNotification planned = plan(tenant, valid, asked, request.trace());
                // Counted as planned, not as asked: a type's channels (or every channel a user has) and each push
                // device multiply what a request names. Checked as we go, so an oversized batch stops early.
                deliveries += planned.deliveries().size();
                if (deliveries > maxDeliveries) {
                    tooMany = true;
                    break;
                }
                toSave.add(planned);
                if (valid.routing().critical()) {
                    critical.add(planned.notification().id());
                }
                lanes.add(valid.priority());
                slots.add(results.size());
                results.add(null);
            } catch (InvalidRequestException refused) {
                results.add(new BatchItem.RefusedItem(refused));
            }
        }
        if (tooMany) {
            throw InvalidRequestException.of("notifications", "max-deliveries", "would create more than "
                    + maxDeliveries + " deliveries, counting each type's channels and each user's push devices; "
                    + "at most " + maxDeliveries + " per batch");
        }
        toSave = suppressions.apply(tenant, toSave, critical);
        for (int i = 0; i < toSave.size(); i++) {
            results.set(slots.get(i), new BatchItem.AcceptedItem(new Accepted(viewOf(toSave.get(i)), false)));
        }
        if (!toSave.isEmpty()) {
            try {
                store.save(tenant, toSave);
            } catch (DuplicateIdempotencyKeyException raced) {
                // Rare: a repeated key inside the batch or a concurrent request. Fall back to one at a time.
                return acceptOneByOne(tenant, requests);
            }
        }
        lanes.forEach(signals::wake);
        return results;
    }

    private List<BatchItem> acceptOneByOne(TenantId tenant, List<NotificationRequest> requests) {
        List<BatchItem> results = new ArrayList<>(requests.size());
        for (NotificationRequest request : requests) {
            try {
                results.add(new BatchItem.AcceptedItem(accept(tenant, request)));
            } catch (InvalidRequestException refused) {
                results.add(new BatchItem.RefusedItem(refused));
            }
        }
        return results;
    }

    /**
     * Fills in what the request left to the type's rule: channels (or every channel the recipient has), the lane
     * (a critical type is always CRITICAL), fixed recipients and the default expiry.
     */
    ValidNotification route(TenantId tenant, ValidNotification valid) {
        Optional<NotificationType> rule = types.find(tenant, valid.type());
        List<Channel> channels = valid.channels();
        boolean everyChannel = false;
        if (channels.isEmpty() && rule.isPresent() && rule.get().hasSteps()) {
            // A workflow: deliveries are planned for every channel its steps reach; WorkflowStart holds the later ones.
            channels = rule.get().stepChannels();
        } else if (channels.isEmpty()) {
            if (rule.isEmpty() || (rule.get().channels().isEmpty() && !rule.get().everyChannel())) {
                throw InvalidRequestException.of("channels", "required", "must name at least one channel: type '"
                        + valid.type() + "' has no default channels (define them with PUT /api/v1/types/"
                        + valid.type() + ")");
            }
            everyChannel = rule.get().everyChannel();
            channels = everyChannel ? List.of(Channel.values()) : rule.get().channels();
        }
        Priority lane = rule.map(t -> t.lane(valid.priority()))
                .orElse(valid.priority() != null ? valid.priority() : Priority.NORMAL);
        boolean every = everyChannel;
        ValidNotification.Routing routing = rule
                .map(t -> new ValidNotification.Routing(every, t.fixedRecipients(), t.expiry(), t.critical()))
                .orElse(ValidNotification.Routing.NONE);
        return valid.routedBy(channels, lane, routing);
    }

    /**
     * The original answer for a repeated key: the same notification, marked as a replay. A key older than its
     * retention is released and the request is new; a key reused for another request is a conflict.
     */
    private Optional<Accepted> replay(TenantId tenant, ValidNotification valid) {
        String key = valid.idempotencyKey();
        if (key == null) {
            return Optional.empty();
        }
        Optional<IdempotentRequest> earlier = store.findByIdempotencyKey(tenant, key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get().createdAt().plus(idempotencyTtl).isAfter(clock.instant())) {
            store.releaseIdempotencyKey(tenant, key, earlier.get().notificationId());
            return Optional.empty();
        }
        String hash = earlier.get().requestHash();
        if (hash != null && !hash.equals(RequestFingerprint.of(valid))) {
            throw InvalidRequestException.conflict("idempotencyKey", "reused", "'" + key + "' was already used "
                    + "for a different request; use a new key for a new notification, or repeat the original exactly");
        }
        return store.find(tenant, earlier.get().notificationId()).map(view -> new Accepted(view, true));
    }

    /** Only the event's id: the original notification if the key is still held, whatever the type says now. */
    public Optional<Accepted> replayOf(TenantId tenant, String idempotencyKey) {
        return store.findByIdempotencyKey(tenant, idempotencyKey)
                .filter(held -> held.createdAt().plus(idempotencyTtl).isAfter(clock.instant()))
                .flatMap(held -> store.find(tenant, held.notificationId()))
                .map(view -> new Accepted(view, true));
    }

    private NewNotification plan(TenantId tenant, ValidNotification valid, ValidNotification asked,
                                 TraceParent trace) {
        Instant at = clock.instant();
        checkTimes(valid, at);
        List<Recipient> resolved = recipients.resolve(tenant, valid.recipients(),
                valid.channels().stream().anyMatch(c -> c.traits().address().perDevice()));
        Instant now = at;
        UUID id = ids.next();
        Notification notification = new Notification(id, tenant, valid.type(), valid.priority(),
                valid.idempotencyKey(), now, valid.idempotencyKey() == null ? null : RequestFingerprint.of(asked),
                trace, valid.routing().critical());
        List<Delivery> deliveries;
        if (valid.content() != null) {
            deliveries = planner.plan(tenant, id, valid, resolved, now);
        } else {
            // No content in the request: the type's templates, in each recipient's language, with the request's data.
            Map<String, Object> data = valid.data();
            deliveries = planner.plan(tenant, id, valid, resolved, now,
                    (channel, locale) -> templates.render(tenant, valid.type(), channel, locale, data));
        }
        // A request that names its channels sends on them at once: a type's steps are its default, like its channels.
        Optional<NotificationType> workflow = asked.channels().isEmpty()
                ? types.find(tenant, valid.type()).filter(NotificationType::hasSteps) : Optional.empty();
        if (workflow.isEmpty()) {
            return new NewNotification(notification, deliveries);
        }
        Instant start = valid.sendAt() != null && valid.sendAt().isAfter(now) ? valid.sendAt() : now;
        WorkflowStart.Started started = WorkflowStart.begin(workflow.get().steps(), deliveries, valid.type(),
                valid.routing().critical(), start);
        return new NewNotification(notification, started.deliveries(), started.run());
    }

    /**
     * Checked against the clock here, not in the rules: a notification already stale on arrival is refused, rather
     * than accepted only to expire.
     */
    static void checkTimes(ValidNotification valid, Instant at) {
        if (valid.expiresAt() != null && !valid.expiresAt().isAfter(at)) {
            throw InvalidRequestException.of("expiresAt", "future", "is already past; nothing would be sent");
        }
        if (valid.sendAt() != null && valid.sendAt().isAfter(at.plus(MAX_SCHEDULE_AHEAD))) {
            throw InvalidRequestException.of("sendAt", "max", "must be at most " + MAX_SCHEDULE_AHEAD.toDays()
                    + " days ahead");
        }
    }

    /**
     * One notification per user, each planned exactly as a notification naming that user alone would be (the type's
     * routing, the user's preferences, devices and language, templates), from one lookup of all the users. Users
     * no longer in the directory are left out: the answer holds only the users found, in the order given.
     */
    List<PlannedChunk.ForUser> planEach(TenantId tenant, ValidNotification valid, boolean channelsAsked,
                                        List<String> userIds, TraceParent trace) {
        Instant now = clock.instant();
        // As for a single notification: a type's steps are its default, like its channels.
        Optional<NotificationType> workflow = channelsAsked ? Optional.empty()
                : types.find(tenant, valid.type()).filter(NotificationType::hasSteps);
        Instant start = valid.sendAt() != null && valid.sendAt().isAfter(now) ? valid.sendAt() : now;
        checkTimes(valid, now);
        List<String> found = new ArrayList<>(userIds);
        boolean wantsPush = valid.channels().stream().anyMatch(c -> c.traits().address().perDevice());
        List<Recipient> resolved;
        try {
            resolved = recipients.resolve(tenant, specs(found), wantsPush);
        } catch (InvalidRequestException missing) {
            // A user deleted since subscribing (deletion also ends their subscriptions; this is the race between
            // the two): left out, and the others resolved again.
            Set<Integer> gone = new HashSet<>();
            for (var violation : missing.violations()) {
                if (!"unknown-user".equals(violation.rule())) {
                    throw missing;
                }
                String field = violation.field();
                gone.add(Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']'))));
            }
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                if (!gone.contains(i)) {
                    kept.add(found.get(i));
                }
            }
            found = kept;
            resolved = found.isEmpty() ? List.of() : recipients.resolve(tenant, specs(found), wantsPush);
        }
        // Every subscriber gets the same text per channel and language: rendered once for the chunk.
        Map<String, Message> rendered = new HashMap<>();
        Map<String, Object> data = valid.data();
        List<PlannedChunk.ForUser> planned = new ArrayList<>(resolved.size());
        for (int i = 0; i < resolved.size(); i++) {
            UUID id = ids.next();
            Notification notification = new Notification(id, tenant, valid.type(), valid.priority(), null, now,
                    null, trace, valid.routing().critical());
            List<Delivery> deliveries = valid.content() != null
                    ? planner.plan(tenant, id, valid, List.of(resolved.get(i)), now)
                    : planner.plan(tenant, id, valid, List.of(resolved.get(i)), now, (channel, locale) ->
                    rendered.computeIfAbsent(channel + "/" + locale,
                            k -> templates.render(tenant, valid.type(), channel, locale, data)));
            NewNotification one = new NewNotification(notification, deliveries);
            if (workflow.isPresent()) {
                WorkflowStart.Started started = WorkflowStart.begin(workflow.get().steps(), deliveries,
                        valid.type(), valid.routing().critical(), start);
                one = new NewNotification(notification, started.deliveries(), started.run());
            }
            planned.add(new PlannedChunk.ForUser(found.get(i), one));
        }
        // The tenant's suppression list holds for a broadcast as for any notification: one lookup per chunk.
        List<NewNotification> unchecked = planned.stream().map(PlannedChunk.ForUser::notification).toList();
        Set<UUID> critical = new HashSet<>();
        if (valid.routing().critical()) {
            unchecked.forEach(n -> critical.add(n.notification().id()));
        }
        List<NewNotification> checked = suppressions.apply(tenant, unchecked, critical);
        List<PlannedChunk.ForUser> result = new ArrayList<>(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            result.add(new PlannedChunk.ForUser(planned.get(i).userId(), checked.get(i)));
        }
        return result;
    }

    private static List<RecipientSpec> specs(List<String> userIds) {
        return userIds.stream().map(RecipientSpec::user).toList();
    }

    private static NotificationView viewOf(NewNotification planned) {
        Notification n = planned.notification();
        List<DeliveryView> deliveries = new ArrayList<>(planned.deliveries().size());
        for (Delivery d : planned.deliveries()) {
            deliveries.add(new DeliveryView(d.id(), d.channel(), d.userId(), d.address(), d.status(), 0, null, null,
                    d.error(), d.createdAt(), d.createdAt(),
                    List.of(StatusChange.of(d.status(), d.createdAt(), 0, d.error()))));
        }
        return new NotificationView(n.id(), n.type(), n.priority(), n.idempotencyKey(), n.createdAt(), deliveries,
                n.trace(), planned.run() == null ? List.of() : planned.run().entries());
    }
}
