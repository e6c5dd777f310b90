package dev.herald.core.intake;

import dev.herald.core.request.Violations;
import dev.herald.core.request.ValidNotification;
import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.ContentSpec;
import dev.herald.core.types.TypeName;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.recipients.AddressRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Checks a notification request field by field and names every broken rule. */
public final class RequestRules {
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final IntakeLimits limits;
    private final AddressRules addresses;

    public RequestRules(IntakeLimits limits, AddressRules addresses) {
        this.limits = limits;
        this.addresses = addresses;
    }

    public ValidNotification validate(NotificationRequest request) {
        return validate(request, true);
    }

    /**
     * A broadcast's notification: every rule of {@link #validate} but the recipients, which the topic's subscribers
     * take the place of (the caller refuses a request naming both).
     */
    public ValidNotification validateTemplate(NotificationRequest request) {
        return validate(request, false);
    }

    private ValidNotification validate(NotificationRequest request, boolean withRecipients) {
        Violations v = new Violations();
        if (v.required("type", request.type()) && !TypeName.isValid(request.type())) {
            v.add("type", "format", "must be 1..100 characters of letters, digits and . _ : - (like order.shipped)");
        }
        List<RecipientSpec> recipients = withRecipients ? recipients(v, request.recipients()) : List.of();
        List<Channel> channels = channels(v, request.channels());
        Priority priority = priority(v, request.priority());
        content(v, request.content());
        // The data travels with webhook and Kakao deliveries; its printed form is a cheap, honest size measure.
        String printedData = request.data() == null ? null : String.valueOf(request.data());
        if (printedData != null && printedData.length() > limits.maxDataLength()) {
            v.add("data", "max-length", "must be at most " + limits.maxDataLength() + " characters when printed");
        }
        v.noNul("data", printedData);
        String key = request.idempotencyKey();
        if (key != null && !KEY.matcher(key).matches()) {
            v.add("idempotencyKey", "format", "must be 1..255 printable ASCII characters without spaces");
        }
        Instant sendAt = instant(v, "sendAt", request.sendAt());
        Instant expiresAt = instant(v, "expiresAt", request.expiresAt());
        if (sendAt != null && expiresAt != null && !expiresAt.isAfter(sendAt)) {
            v.add("expiresAt", "after-send-at", "must be later than sendAt");
        }
        v.throwIfAny();
        return new ValidNotification(request.type(), recipients, channels, priority, request.content(),
                request.data() == null ? Map.of() : request.data(), key, sendAt, expiresAt);
    }

    /** An ISO-8601 instant with an offset ({@code 2026-11-21T09:00:00Z}, {@code 2026-11-21T18:00:00+09:00}). */
    private static Instant instant(Violations v, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(value);
            // Within what every database stores as a timestamp; far beyond any real schedule anyway.
            if (parsed.getYear() < 2000 || parsed.getYear() > 9999) {
                v.add(field, "range", "must be a date between the years 2000 and 9999");
                return null;
            }
            return parsed.toInstant();
        } catch (DateTimeParseException e) {
            v.add(field, "format", "must be an ISO-8601 date-time with an offset, like 2026-11-21T09:00:00Z");
            return null;
        }
    }

    private List<RecipientSpec> recipients(Violations v, List<RecipientSpec> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            v.add("recipients", "required", "must name at least one recipient");
            return List.of();
        }
        if (recipients.size() > limits.maxRecipients()) {
            v.add("recipients", "max-items", "must have at most " + limits.maxRecipients()
                    + " recipients (was " + recipients.size() + "); use the batch endpoint for more");
            return List.of();
        }
        for (int i = 0; i < recipients.size(); i++) {
            String field = "recipients[" + i + "]";
            RecipientSpec r = recipients.get(i);
            if (r == null || (r.userId() == null && !r.hasInlineAddress())) {
                v.add(field, "required", "must have a userId or at least one address (email, phone, pushToken, slack, webhookUrl)");
                continue;
            }
            addresses.userId(v, field + ".userId", r.userId());
            addresses.email(v, field + ".email", r.email());
            addresses.phone(v, field + ".phone", r.phone());
            addresses.pushToken(v, field + ".pushToken", r.pushToken());
            addresses.token(v, field + ".slack", r.slack(), 2048);
            addresses.url(v, field + ".webhookUrl", r.webhookUrl());
        }
        return List.copyOf(recipients);
    }

    private List<Channel> channels(Violations v, List<String> channels) {
        if (channels == null) {
            // Left out: the type's routing rule chooses (intake checks that the type has one).
            return List.of();
        }
        if (channels.isEmpty()) {
            v.add("channels", "required", "must name at least one channel of " + Arrays.toString(Channel.values())
                    + ", or be left out to use the type's default channels");
            return List.of();
        }
        Set<Channel> parsed = new LinkedHashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            String name = channels.get(i);
            try {
                parsed.add(Channel.valueOf(name == null ? "" : name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                v.add("channels[" + i + "]", "unknown-value", "unknown channel '" + name + "'; expected one of "
                        + Arrays.toString(Channel.values()));
            }
        }
        return new ArrayList<>(parsed);
    }

    private Priority priority(Violations v, String priority) {
        if (priority == null) {
            // Left out: the type's priority, else NORMAL (decided at intake, where the type is known).
            return null;
        }
        try {
            return Priority.valueOf(priority.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add("priority", "unknown-value", "unknown priority '" + priority + "'; expected one of "
                    + Arrays.toString(Priority.values()));
            return Priority.NORMAL;
        }
    }

    private void content(Violations v, ContentSpec content) {
        if (content == null) {
            // Left out: the type's templates render the message (intake checks they exist and have their data).
            return;
        }
        v.required("content.body", content.body());
        v.maxLength("content.title", content.title(), limits.maxTitleLength());
        v.maxLength("content.body", content.body(), limits.maxBodyLength());
        v.maxLength("content.html", content.html(), limits.maxHtmlLength());
        v.noNul("content.title", content.title());
        v.noNul("content.body", content.body());
        v.noNul("content.html", content.html());
    }
}
