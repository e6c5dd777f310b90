package dev.herald.core.types;

import dev.herald.core.request.Violations;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.workflow.WorkflowRules;
import dev.herald.core.workflow.WorkflowStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a type's rule as an operator wrote it and names every broken field. */
public final class TypeRules {
    private static final Pattern FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9_.]{0,63}$");
    private static final Duration MAX_EXPIRY = Duration.ofDays(366);
    private static final Duration MAX_DEDUP = Duration.ofDays(7);

    /** A rule as written: enums still strings, so an unknown value is reported by name. */
    public record TypeSpec(List<String> channels, Boolean everyChannel, String priority, Boolean critical,
                           List<String> recipientFields, Map<String, String> fixedRecipients, Duration expiry,
                           Duration dedupWindow, List<Object> steps) {
        /** A rule without steps (the console's form writes these). */
        public TypeSpec(List<String> channels, Boolean everyChannel, String priority, Boolean critical,
                        List<String> recipientFields, Map<String, String> fixedRecipients, Duration expiry,
                        Duration dedupWindow) {
            this(channels, everyChannel, priority, critical, recipientFields, fixedRecipients, expiry, dedupWindow,
                    null);
        }
    }

    private final AddressRules addresses;

    public TypeRules(AddressRules addresses) {
        this.addresses = addresses;
    }

    public NotificationType validate(String name, TypeSpec spec, Instant now) {
        Violations v = new Violations();
        if (!TypeName.isValid(name)) {
            v.add("type", "format", "must be 1..100 characters of letters, digits and . _ : - (like order.shipped)");
        }
        boolean every = Boolean.TRUE.equals(spec.everyChannel());
        List<Channel> channels = new ArrayList<>();
        List<String> names = spec.channels() == null ? List.of() : spec.channels();
        for (int i = 0; i < names.size(); i++) {
            Channel parsed = Channel.parse(names.get(i)).orElse(null);
            if (parsed == null) {
                v.add("channels[" + i + "]", "unknown-value", "unknown channel '" + names.get(i) + "'");
            } else if (!channels.contains(parsed)) {
                channels.add(parsed);
            }
        }
        if (every && !names.isEmpty()) {
            v.add("channels", "conflict", "must be left out when everyChannel is true");
        }
        Priority priority = Priority.NORMAL;
        if (spec.priority() != null) {
            try {
                priority = Priority.valueOf(spec.priority().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.add("priority", "unknown-value", "must be one of CRITICAL, HIGH, NORMAL, LOW");
            }
        }
        List<String> fields = spec.recipientFields() == null ? List.of() : spec.recipientFields();
        if (fields.size() > 10) {
            v.add("recipientFields", "max-items", "must have at most 10 fields");
        }
        Set<String> uniqueFields = new LinkedHashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) == null || !FIELD.matcher(fields.get(i)).matches()) {
                v.add("recipientFields[" + i + "]", "format", "must be a field name like buyerId");
            } else {
                uniqueFields.add(fields.get(i));
            }
        }
        Map<Channel, String> fixed = new EnumMap<>(Channel.class);
        if (spec.fixedRecipients() != null) {
            spec.fixedRecipients().forEach((channelName, address) -> {
                String field = "fixedRecipients." + channelName;
                Channel channel = Channel.parse(channelName).orElse(null);
                if (channel == null) {
                    v.add(field, "unknown-value", "unknown channel '" + channelName + "'");
                    return;
                }
                switch (channel.traits().address()) {
                    case EMAIL -> addresses.email(v, field, address);
                    case PHONE -> addresses.phone(v, field, address);
                    case SLACK_URL, WEBHOOK_URL -> addresses.url(v, field, address);
                    case PUSH_TOKEN, USER_INBOX ->
                            v.add(field, "unsupported", "push and in-app go to users, not a fixed place");
                }
                if (v.required(field, address)) {
                    fixed.put(channel, address);
                }
            });
        }
        if (spec.expiry() != null && (spec.expiry().isNegative() || spec.expiry().isZero()
                || spec.expiry().getNano() != 0 || spec.expiry().compareTo(MAX_EXPIRY) > 0)) {
            v.add("expiry", "range", "must be a positive ISO-8601 duration of whole seconds, at most 366 days, like PT5M");
        }
        if (spec.dedupWindow() != null && (spec.dedupWindow().isNegative() || spec.dedupWindow().getNano() != 0
                || spec.dedupWindow().compareTo(MAX_DEDUP) > 0)) {
            v.add("dedupWindow", "range", "must be an ISO-8601 duration of whole seconds from PT0S (off) to P7D, like PT10M");
        }
        List<WorkflowStep> steps = List.of();
        if (spec.steps() != null) {
            // A workflow replaces the flat channel list: both would leave unclear which one a notification follows.
            if (!names.isEmpty() || every) {
                v.add("steps", "conflict", "a type has either steps or channels/everyChannel, not both");
            }
            steps = WorkflowRules.validate(spec.steps(), Boolean.TRUE.equals(spec.critical()), v);
        }
        v.throwIfAny();
        return new NotificationType(name, channels, every, priority, Boolean.TRUE.equals(spec.critical()),
                List.copyOf(uniqueFields), fixed, spec.expiry(), spec.dedupWindow(), now, steps);
    }
}
