package dev.herald.core.intake;

import dev.herald.core.model.TenantId;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.Violation;
import dev.herald.core.request.Violations;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeCatalog;
import dev.herald.core.types.TypeName;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a business event into a notification: the type's rule names the recipients in the event's data, its
 * channels and templates do the rest. The event id is the idempotency key, so a repeated event (a retried HTTP
 * call, a Kafka record delivered again) changes nothing and answers with the original notification. The HTTP API
 * and the Kafka consumer both come through here, so both follow exactly the same rules.
 */
public final class EventIntake {
    private static final Pattern EVENT_ID = Pattern.compile("^[\\x21-\\x7E]{1,200}$");
    private static final int MAX_RECIPIENTS = 100;
    private static final String KEY_PREFIX = "event:";

    private final Intake intake;
    private final TypeCatalog types;

    public EventIntake(Intake intake, TypeCatalog types) {
        this.intake = intake;
        this.types = types;
    }

    /**
     * @throws InvalidRequestException when the event breaks a rule (bad id, unknown type, no recipient); the
     *                                 violation names the field, so a caller can set the event aside as poison
     */
    public Accepted accept(TenantId tenant, BusinessEvent event) {
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
        Optional<Accepted> earlier = intake.replayOf(tenant, KEY_PREFIX + event.eventId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        NotificationType rule = types.find(tenant, event.type()).orElseThrow(() ->
                InvalidRequestException.conflict("type", "unknown-type", "no type '" + event.type()
                        + "'; define its rule with PUT /api/v1/types/" + event.type()));
        List<RecipientSpec> recipients = recipients(rule, event.data());
        return intake.accept(tenant, new NotificationRequest(
                event.type(), recipients, null, null, event.data(), null, KEY_PREFIX + event.eventId())
                .tracedBy(event.trace()));
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
