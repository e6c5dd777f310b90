package dev.herald.core.types;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.workflow.WorkflowStep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The routing rule of one notification type: where it goes by default and how it behaves.
 *
 * @param channels         the channels a notification of this type uses when the request names none
 * @param everyChannel     instead of {@code channels}: every channel the recipient has an address for (a security
 *                         alert reaches the user wherever they can be reached)
 * @param priority         the lane when the request names none
 * @param critical         sent on the CRITICAL lane whatever the request says (and, with preferences, not optional)
 * @param recipientFields  the fields of a business event's data that name its recipients ({@code buyerId})
 * @param fixedRecipients  channels that go to one fixed place per notification (an operations Slack channel)
 * @param expiry           how long a notification stays worth sending when the request sets no expiresAt
 * @param dedupWindow      how long identical content to one address counts as a repeat (null: the default)
 * @param steps            instead of {@code channels}: a workflow (send, wait until read, send unless read, …);
 *                         empty for a type that sends on its channels at once
 */
public record NotificationType(String name, List<Channel> channels, boolean everyChannel, Priority priority,
                               boolean critical, List<String> recipientFields, Map<Channel, String> fixedRecipients,
                               Duration expiry, Duration dedupWindow, Instant updatedAt, List<WorkflowStep> steps) {
    public NotificationType {
        steps = steps == null ? List.of() : List.copyOf(steps);
        channels = List.copyOf(channels);
        recipientFields = List.copyOf(recipientFields);
        fixedRecipients = Map.copyOf(fixedRecipients);
    }

    /** A type without steps (most are). */
    public NotificationType(String name, List<Channel> channels, boolean everyChannel, Priority priority,
                            boolean critical, List<String> recipientFields, Map<Channel, String> fixedRecipients,
                            Duration expiry, Duration dedupWindow, Instant updatedAt) {
        this(name, channels, everyChannel, priority, critical, recipientFields, fixedRecipients, expiry, dedupWindow,
                updatedAt, List.of());
    }

    /** Sends through a workflow of steps rather than on its channels at once. */
    public boolean hasSteps() {
        return !steps.isEmpty();
    }

    /** The channels its steps reach, in step order: what intake plans deliveries for. */
    public List<Channel> stepChannels() {
        return steps.stream().map(WorkflowStep::channel).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The lane a notification of this type travels in when the request does not say. */
    public Priority lane(Priority requested) {
        if (critical) {
            return Priority.CRITICAL;
        }
        return requested != null ? requested : priority;
    }
}
