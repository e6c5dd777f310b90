package dev.herald.server.api;

import dev.herald.core.intake.Accepted;
import dev.herald.core.intake.BatchItem;
import dev.herald.core.intake.Intake;
import dev.herald.core.intake.AcceptedBroadcast;
import dev.herald.core.intake.BroadcastIntake;
import dev.herald.core.intake.IntakeLimits;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violations;
import dev.herald.core.intake.NotificationRequest;
import dev.herald.server.metrics.AcceptedNotifications;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.tracking.CompletionWaiter;
import dev.herald.core.notification.NotificationPage;
import dev.herald.core.notification.NotificationSearch;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.tracking.WaitSlots;
import dev.herald.server.config.HeraldProperties;
import dev.herald.server.config.TraceLogFields;
import dev.herald.core.model.TraceParent;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.ChangeSummaries;
import dev.herald.server.security.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.herald.core.notification.Cancellation;
import java.time.Clock;
import java.util.Objects;

/** Sending notifications and reading what became of them. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {
    // A user id as the API takes it anywhere else (app_user.id).
    private static final int MAX_USER_ID = 128;
    private static final Pattern WAIT = Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*(\\d{1,6})(?:$|[,;\\s])");

    private final Intake intake;
    private final NotificationStore notifications;
    private final CompletionWaiter waiter;
    private final IntakeLimits limits;
    private final Duration maxWait;
    private final int maxBatchDeliveries;
    private final Clock clock;
    private final WaitSlots waitSlots;
    private final AcceptedNotifications acceptedNotifications;

    private final AuditedChange audited;
    private final BroadcastIntake broadcasts;

    NotificationController(Intake intake, NotificationStore notifications, CompletionWaiter waiter,
                           IntakeLimits limits, HeraldProperties properties, Clock clock,
                           AcceptedNotifications acceptedNotifications, AuditedChange audited,
                           BroadcastIntake broadcasts) {
        this.audited = audited;
        this.broadcasts = broadcasts;
        this.clock = clock;
        this.acceptedNotifications = acceptedNotifications;
        this.intake = intake;
        this.notifications = notifications;
        this.waiter = waiter;
        this.limits = limits;
        this.maxWait = properties.limits().maxWait();
        this.maxBatchDeliveries = properties.limits().maxBatchDeliveries();
        this.waitSlots = new WaitSlots(properties.limits().maxWaitersPerKey());
    }

    @RequiresScope(Scope.SEND)
    @SuccessStatus({HttpStatus.ACCEPTED, HttpStatus.OK})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NotificationResponses.Summary> send(Caller caller, @RequestBody NotificationJson body,
                           @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
                           @RequestHeader(value = "Prefer", required = false) String prefer,
                           @RequestHeader(value = TraceHeader.NAME, required = false) String traceparent)
            throws InterruptedException {
        ForbiddenException.require(caller, Scope.SEND);
        TraceParent trace = TraceHeader.read(traceparent);
        if (body.topic() != null) {
            return broadcast(caller, body, idempotencyKey, trace);
        }
        Accepted accepted;
        try (var logged = TraceLogFields.enter(trace)) {
            accepted = acceptedNotifications.count(
                    intake.accept(caller.tenant(), body.toRequest(idempotencyKey).tracedBy(trace)));
        }
        NotificationView view = accepted.notification();
        URI location = URI.create("/api/v1/notifications/" + view.id());
        Duration wait = waitPreference(prefer);
        if (!wait.isZero()) {
            if (!view.allFinal()) {
                Optional<WaitSlots.Slot> slot = waitSlots.tryTake(caller.keyId());
                // Over the key's cap of waiters: answered at once (202), as if the wait had run out.
                if (slot.isPresent()) {
                    try (WaitSlots.Slot taken = slot.get()) {
                        view = waiter.await(caller.tenant(), view, wait).orElse(view);
                    }
                }
            }
            if (view.allFinal()) {
                return ResponseEntity.ok().location(location).header("Preference-Applied", "wait=" + wait.toSeconds())
                        .body(NotificationResponses.summary(view, accepted.replayed()));
            }
        }
        return ResponseEntity.accepted().location(location)
                .body(NotificationResponses.summary(view, accepted.replayed()));
    }

    /** A notification to a topic: the broadcast is written and answered at once; its fan-out runs on workers. */
    private ResponseEntity<NotificationResponses.Summary> broadcast(Caller caller, NotificationJson body,
                                                                    String idempotencyKey, TraceParent trace) {
        if (body.recipients() != null) {
            throw InvalidRequestException.of("topic", "one-of", "give either recipients or a topic, not both");
        }
        AcceptedBroadcast accepted;
        try (var logged = TraceLogFields.enter(trace)) {
            accepted = broadcasts.accept(caller.tenant(), body.topic(), body.toRequest(idempotencyKey).tracedBy(trace));
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/broadcasts/" + accepted.broadcast().id()))
                .body(NotificationResponses.summary(accepted.broadcast(), accepted.replayed()));
    }

    @RequiresScope(Scope.SEND)
    @SuccessStatus(HttpStatus.OK)
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> sendBatch(Caller caller, @RequestBody BatchJson body,
                                                  HttpServletRequest request,
                                                  @RequestHeader(value = TraceHeader.NAME, required = false)
                                                  String traceparent) {
        ForbiddenException.require(caller, Scope.SEND);
        // One header for the whole batch: every notification of it joins the caller's trace.
        TraceParent trace = TraceHeader.read(traceparent);
        if (body.notifications() == null || body.notifications().isEmpty()) {
            throw InvalidRequestException.of("notifications", "required", "must hold at least one notification");
        }
        if (body.notifications().size() > limits.maxBatchSize()) {
            throw InvalidRequestException.of("notifications", "max-items", "must hold at most "
                    + limits.maxBatchSize() + " notifications (was " + body.notifications().size() + ")");
        }
        long deliveries = body.notifications().stream().filter(Objects::nonNull)
                .mapToLong(n -> (long) size(n.recipients()) * Math.max(1, size(n.channels()))).sum();
        if (deliveries > maxBatchDeliveries) {
            // A cheap first look at what the items name; intake counts the deliveries it really plans (a type's
            // channels, every push device) against the same cap before writing anything.
            throw InvalidRequestException.of("notifications", "max-deliveries", "would create " + deliveries
                    + " deliveries; at most " + maxBatchDeliveries + " per batch");
        }
        Map<Integer, Map<String, Object>> results = new TreeMap<>();
        List<NotificationRequest> requests = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < body.notifications().size(); i++) {
            NotificationJson item = body.notifications().get(i);
            if (item == null) {
                results.put(i, refused(i, InvalidRequestException.of("notifications[" + i + "]", "required",
                        "must be a notification object"), request));
                continue;
            }
            if (item.topic() != null) {
                results.put(i, refused(i, InvalidRequestException.of("notifications[" + i + "].topic", "single-only",
                        "a notification to a topic is sent on its own (POST /api/v1/notifications), not in a batch"),
                        request));
                continue;
            }
            try {
                requests.add(item.toRequest(null).tracedBy(trace));
                positions.add(i);
            } catch (InvalidRequestException e) {
                results.put(i, refused(i, e, request));
            }
        }
        List<BatchItem> items;
        try (var logged = TraceLogFields.enter(trace)) {
            items = acceptedNotifications.count(intake.acceptBatch(caller.tenant(), requests, maxBatchDeliveries));
        }
        int acceptedCount = 0;
        for (int k = 0; k < items.size(); k++) {
            int index = positions.get(k);
            switch (items.get(k)) {
                case BatchItem.AcceptedItem a -> {
                    acceptedCount++;
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("index", index);
                    item.put("status", HttpStatus.ACCEPTED.value());
                    item.put("notification", NotificationResponses.summary(a.accepted().notification(),
                            a.accepted().replayed()));
                    results.put(index, item);
                }
                case BatchItem.RefusedItem r -> results.put(index, refused(index, r.refusal(), request));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", acceptedCount);
        answer.put("refused", body.notifications().size() - acceptedCount);
        answer.put("results", new ArrayList<>(results.values()));
        return ResponseEntity.ok(answer);
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static Map<String, Object> refused(int index, InvalidRequestException e, HttpServletRequest request) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", index);
        item.put("status", e.isConflict() ? HttpStatus.UNPROCESSABLE_CONTENT.value() : HttpStatus.BAD_REQUEST.value());
        item.put("problem", e.isConflict() ? Problems.conflict(e.violations(), request.getRequestURI())
                : Problems.invalid(e.violations(), request.getRequestURI()));
        return item;
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/{id}")
    NotificationResponses.Detail get(Caller caller, @PathVariable UUID id) {
        ForbiddenException.require(caller, Scope.READ);
        return notifications.find(caller.tenant(), id).map(NotificationResponses::detail)
                .orElseThrow(() -> new NotFoundException("no notification " + id));
    }

    /** What cancelling did: the deliveries it stopped and those that had already gone out (with their status). */
    record CancellationJson(UUID id, List<UUID> cancelled, List<Cancellation.Untouched>
            alreadyOut) {
    }

    /**
     * Cancels every delivery not yet being sent. Answers 200 with what was cancelled and what was already out, so
     * a caller racing the dispatcher knows exactly which messages may still arrive.
     */
    @RequiresScope(Scope.SEND)
    @DeleteMapping("/{id}")
    CancellationJson cancel(Caller caller, @PathVariable UUID id) {
        ForbiddenException.require(caller, Scope.SEND);
        return audited.run(caller, () -> notifications.cancel(caller.tenant(), id, clock.instant()),
                        done -> ChangeSummaries.cancellation(id, done))
                .map(c -> new CancellationJson(c.notificationId(), c.cancelled(), c.untouched()))
                .orElseThrow(() -> new NotFoundException("no notification " + id));
    }

    /**
     * The tenant's notifications, newest accepted first, narrowed by any of the filters: {@code userId},
     * {@code type}, {@code status} and {@code channel} (one delivery must match all three of user, status and
     * channel), {@code from} (inclusive) and {@code to} (exclusive) as ISO-8601 instants on the accept time.
     */
    @RequiresScope(Scope.READ)
    @GetMapping
    NotificationResponses.Page list(Caller caller, @RequestParam(required = false) String userId,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String channel,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(defaultValue = "20") int limit,
                                    @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.READ);
        Violations v = new Violations();
        if (userId != null && (userId.isBlank() || userId.length() > MAX_USER_ID)) {
            v.add("userId", "length", "must be 1 to " + MAX_USER_ID + " characters");
        }
        if (limit < 1 || limit > 100) {
            v.add("limit", "range", "must be between 1 and 100");
        }
        NotificationSearch search = NotificationSearch.all().user(userId).type(QueryParams.type(v, type))
                .status(QueryParams.status(v, status)).channel(QueryParams.channel(v, channel))
                .between(QueryParams.instant(v, "from", from), QueryParams.instant(v, "to", to));
        if (search.from() != null && search.to() != null && !search.from().isBefore(search.to())) {
            v.add("to", "after-from", "must be later than from");
        }
        UUID after = PageCursor.decode(v, cursor);
        v.throwIfAny();
        NotificationPage page = notifications.search(caller.tenant(), search, limit, after);
        return new NotificationResponses.Page(page.items().stream().map(NotificationResponses::detail).toList(),
                PageCursor.encode(page.next()));
    }

    private Duration waitPreference(String prefer) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        Matcher m = WAIT.matcher(prefer);
        if (!m.find()) {
            return Duration.ZERO;
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(m.group(1)));
        return asked.compareTo(maxWait) > 0 ? maxWait : asked;
    }
}
