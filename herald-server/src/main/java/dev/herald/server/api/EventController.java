package dev.herald.server.api;

import dev.herald.core.types.TypeName;
import dev.herald.core.intake.Accepted;
import dev.herald.core.intake.Intake;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.intake.NotificationRequest;
import dev.herald.server.metrics.AcceptedNotifications;
import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;
import dev.herald.server.security.ForbiddenException;
import dev.herald.server.config.TraceLogFields;
import dev.herald.core.model.TraceParent;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import dev.herald.core.request.Violation;

/**
 * Business events: a product team publishes what happened ({@code order.shipped} with a {@code buyerId}); the type's
 * rule names the recipients in the data, its channels and its templates do the rest. The event id is the
 * idempotency key, so a repeated event changes nothing and answers with the original notification.
 */
@RestController
class EventController {
    private static final Pattern EVENT_ID = Pattern.compile("^[\\x21-\\x7E]{1,200}$");
    private static final int MAX_RECIPIENTS = 100;

    private final Intake intake;
    private final TypeCatalog types;
    private final AcceptedNotifications acceptedNotifications;

    EventController(Intake intake, TypeCatalog types, AcceptedNotifications acceptedNotifications) {
        this.intake = intake;
        this.acceptedNotifications = acceptedNotifications;
        this.types = types;
    }

    record EventJson(String eventId, String type, Map<String, Object> data, String occurredAt) {
    }

    @RequiresScope(Scope.SEND)
    @PostMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NotificationResponses.Summary> publish(Caller caller, @RequestBody EventJson event,
                                                          @RequestHeader(value = TraceHeader.NAME, required = false)
                                                          String traceparent) {
        ForbiddenException.require(caller, Scope.SEND);
        TraceParent trace = TraceHeader.read(traceparent);
        try (var logged = TraceLogFields.enter(trace)) {
            return publish(caller, event, trace);
        }
    }

    private ResponseEntity<NotificationResponses.Summary> publish(Caller caller, EventJson event, TraceParent trace) {
        Violations v = new Violations();
        if (v.required("eventId", event.eventId()) && !EVENT_ID.matcher(event.eventId()).matches()) {
            v.add("eventId", "format", "must be 1..200 printable ASCII characters without spaces");
        }
        if (v.required("type", event.type()) && !TypeName.isValid(event.type())) {
            v.add("type", "format", "must be a notification type like order.shipped");
        }
        if (event.data() == null) {
            v.add("data", "required", "must be an object (the event's fields)");
        }
        if (event.occurredAt() != null) {
            try {
                OffsetDateTime.parse(event.occurredAt());
            } catch (DateTimeParseException e) {
                v.add("occurredAt", "format", "must be an ISO-8601 date-time with an offset");
            }
        }
        v.throwIfAny();
        // A repeated event answers with what it did the first time, whatever its type's rule says by now.
        var earlier = intake.replayOf(caller.tenant(), "event:" + event.eventId());
        if (earlier.isPresent()) {
            return ResponseEntity.ok(NotificationResponses.summary(earlier.get().notification(), true));
        }
        NotificationType rule = types.find(caller.tenant(), event.type()).orElseThrow(() ->
                InvalidRequestException.conflict("type", "unknown-type", "no type '" + event.type()
                        + "'; define its rule with PUT /api/v1/types/" + event.type()));
        List<RecipientSpec> recipients = recipients(rule, event.data());
        Accepted accepted = acceptedNotifications.count(intake.accept(caller.tenant(), new NotificationRequest(
                event.type(), recipients, null, null, event.data(), null, "event:" + event.eventId()).tracedBy(trace)));
        return ResponseEntity.status(accepted.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(NotificationResponses.summary(accepted.notification(), accepted.replayed()));
    }

    /** The users the rule's recipient fields name in the data: each a user id, or a list of them. */
    private static List<RecipientSpec> recipients(NotificationType rule, Map<String, Object> data) {
        if (rule.recipientFields().isEmpty()) {
            throw InvalidRequestException.conflict("type", "no-recipient-fields", "type '" + rule.name()
                    + "' names no recipient fields, so an event cannot say who to notify");
        }
        Set<String> userIds = new LinkedHashSet<>();
        List<Violation> problems = new ArrayList<>();
        for (String field : rule.recipientFields()) {
            Object value = data.get(field);
            if (value instanceof String id && !id.isBlank()) {
                userIds.add(id);
            } else if (value instanceof List<?> ids && !ids.isEmpty() && ids.stream().allMatch(String.class::isInstance)) {
                ids.forEach(id -> userIds.add((String) id));
            } else {
                problems.add(new Violation("data." + field, "missing-recipient",
                        "type '" + rule.name() + "' sends to the user named here; give a user id (or a list)"));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.conflict(problems.getFirst().field(), problems.getFirst().rule(),
                    problems.getFirst().message());
        }
        if (userIds.size() > MAX_RECIPIENTS) {
            throw InvalidRequestException.of("data", "max-items", "names more than " + MAX_RECIPIENTS + " users");
        }
        return userIds.stream().map(RecipientSpec::user).toList();
    }
}
