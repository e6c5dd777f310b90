package dev.herald.server.console;

import dev.herald.core.model.AddressKind;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.request.Violation;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeRules;
import org.springframework.util.MultiValueMap;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The routing rule of a type as the console's form shows and sends it: every channel as a checkbox (the type's own
 * first, in its order), the lane, whether it is critical, the recipient fields as one comma-separated line, a fixed
 * address per channel that can have one, and the two durations. {@link #read} turns what the browser sent into the
 * API's {@link TypeRules.TypeSpec}, so saving goes through the same rules; a duration that is not ISO-8601 is named
 * here, before the rules run.
 */
record TypeForm(boolean everyChannel, List<ChannelRow> channels, String priority, boolean critical,
                String recipientFields, String expiry, String dedupWindow, List<Violation> unreadable) {
    static final int MAX_FIELD = 2000;

    /** One channel's row: chosen or not, and its fixed address where the channel can have one. */
    record ChannelRow(String name, boolean chosen, boolean fixable, String fixed) {
    }

    /** The form for a type that does not exist yet: email to the user named by {@code userId}. */
    static TypeForm fresh() {
        return of(List.of(Channel.EMAIL), false, Priority.NORMAL, false, List.of("userId"), Map.of(), null, null);
    }

    static TypeForm of(NotificationType t) {
        return of(t.channels(), t.everyChannel(), t.priority(), t.critical(), t.recipientFields(), t.fixedRecipients(),
                t.expiry(), t.dedupWindow());
    }

    private static TypeForm of(List<Channel> chosen, boolean every, Priority priority, boolean critical,
                               List<String> fields, Map<Channel, String> fixed, Duration expiry, Duration dedup) {
        List<Channel> order = new ArrayList<>(chosen);
        Arrays.stream(Channel.values()).filter(c -> !order.contains(c)).forEach(order::add);
        List<ChannelRow> rows = order.stream().map(c -> new ChannelRow(c.name(), chosen.contains(c), fixable(c),
                fixed.getOrDefault(c, ""))).toList();
        return new TypeForm(every, rows, priority.name(), critical, String.join(", ", fields),
                expiry == null ? "" : expiry.toString(), dedup == null ? "" : dedup.toString(), List.of());
    }

    /**
     * What the browser sent, kept as typed so a refused form is shown again as it was. A value longer than any rule
     * allows is named in {@link #unreadable} (and shown cut), never saved cut.
     */
    static TypeForm read(MultiValueMap<String, String> params) {
        List<Violation> tooLong = new ArrayList<>();
        params.forEach((name, values) -> values.stream().filter(v -> known(name)).filter(v -> v != null && v.length() > MAX_FIELD).findFirst()
                .ifPresent(v -> tooLong.add(new Violation(fieldOf(name), "max-length",
                        "must be at most " + MAX_FIELD + " characters"))));
        List<String> chosen = params.getOrDefault("channels", List.of()).stream().map(TypeForm::clip).toList();
        // In the order sent (the rules name channels[i] by it); a channel Herald does not know stays in the form, so
        // the rules can name it; the channels not chosen follow.
        List<ChannelRow> rows = new ArrayList<>();
        List<Channel> listed = new ArrayList<>();
        for (String name : chosen) {
            Channel c = Channel.parse(name).orElse(null);
            if (c == null) {
                rows.add(new ChannelRow(name, true, false, ""));
            } else if (!listed.contains(c)) {
                listed.add(c);
                rows.add(row(c, true, params));
            }
        }
        Arrays.stream(Channel.values()).filter(c -> !listed.contains(c)).forEach(c -> rows.add(row(c, false, params)));
        return new TypeForm("true".equals(params.getFirst("everyChannel")), List.copyOf(rows),
                clip(params.getFirst("priority")), "true".equals(params.getFirst("critical")),
                orEmpty(clip(params.getFirst("recipientFields"))), orEmpty(clip(params.getFirst("expiry"))).trim(),
                orEmpty(clip(params.getFirst("dedupWindow"))).trim(), List.copyOf(tooLong));
    }

    private static ChannelRow row(Channel c, boolean chosen, MultiValueMap<String, String> params) {
        String fixed = fixable(c) ? orEmpty(clip(params.getFirst("fixed." + c.name()))).trim() : "";
        return new ChannelRow(c.name(), chosen, fixable(c), fixed);
    }

    private static boolean known(String input) {
        return List.of("channels", "priority", "recipientFields", "expiry", "dedupWindow").contains(input)
                || input.startsWith("fixed.") && Channel.parse(input.substring("fixed.".length())).isPresent();
    }

    /** The rule's name for a form input: {@code fixed.SLACK} is {@code fixedRecipients.SLACK}. */
    private static String fieldOf(String input) {
        return input.startsWith("fixed.") ? "fixedRecipients." + input.substring("fixed.".length()) : input;
    }

    /** The API's spec of this form; durations that cannot be read are left out and added to {@code unreadable}. */
    TypeRules.TypeSpec spec(List<Violation> unreadable) {
        // Ticked channels go to the rules even with "every channel", which then name the conflict.
        List<String> names = channels.stream().filter(ChannelRow::chosen).map(ChannelRow::name).toList();
        Map<String, String> fixed = new LinkedHashMap<>();
        channels.stream().filter(r -> r.fixable() && !r.fixed().isBlank()).forEach(r -> fixed.put(r.name(), r.fixed()));
        List<String> fields = Arrays.stream(recipientFields.split(",")).map(String::trim).filter(f -> !f.isEmpty())
                .toList();
        return new TypeRules.TypeSpec(names, everyChannel, priority, critical, fields, fixed,
                duration("expiry", expiry, unreadable), duration("dedupWindow", dedupWindow, unreadable));
    }

    static List<String> priorities() {
        return Arrays.stream(Priority.values()).map(Priority::name).toList();
    }

    private static Duration duration(String field, String text, List<Violation> unreadable) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            unreadable.add(new Violation(field, "format", "must be an ISO-8601 duration like PT10M"));
            return null;
        }
    }

    /** Push and in-app reach users' devices and inboxes, never a fixed place. */
    private static boolean fixable(Channel c) {
        AddressKind kind = c.traits().address();
        return kind != AddressKind.PUSH_TOKEN && kind != AddressKind.USER_INBOX;
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
