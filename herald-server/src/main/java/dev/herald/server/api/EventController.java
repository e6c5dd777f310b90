package dev.herald.server.api;

import dev.herald.core.intake.Accepted;
import dev.herald.core.intake.BusinessEvent;
import dev.herald.core.intake.EventIntake;
import dev.herald.core.model.TraceParent;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.metrics.AcceptedNotifications;
import dev.herald.server.config.TraceLogFields;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Business events over HTTP: a product team publishes what happened ({@code order.shipped} with a
 * {@code buyerId}); {@link EventIntake} applies the type's rule, exactly as it does for events read from Kafka.
 */
@RestController
class EventController {
    private final EventIntake events;
    private final AcceptedNotifications acceptedNotifications;

    EventController(EventIntake events, AcceptedNotifications acceptedNotifications) {
        this.events = events;
        this.acceptedNotifications = acceptedNotifications;
    }

    record EventJson(String eventId, String type, Map<String, Object> data, String occurredAt) {
    }

    @RequiresScope(Scope.SEND)
    @SuccessStatus({HttpStatus.ACCEPTED, HttpStatus.OK})
    @PostMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NotificationResponses.Summary> publish(Caller caller, @RequestBody EventJson event,
                                                          @RequestHeader(value = TraceHeader.NAME, required = false)
                                                          String traceparent) {
        ForbiddenException.require(caller, Scope.SEND);
        TraceParent trace = TraceHeader.read(traceparent);
        try (var logged = TraceLogFields.enter(trace)) {
            Accepted accepted = acceptedNotifications.count(events.accept(caller.tenant(), new BusinessEvent(
                    event.eventId(), event.type(), event.data(), event.occurredAt(), trace)));
            return ResponseEntity.status(accepted.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(NotificationResponses.summary(accepted.notification(), accepted.replayed()));
        }
    }
}
