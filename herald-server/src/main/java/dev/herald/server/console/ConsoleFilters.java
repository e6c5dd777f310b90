package dev.herald.server.console;

import dev.herald.core.deadletter.DeadLetterFilter;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A console filter form as typed (kept to show it again) and as understood. {@code errors} names each field that
 * could not be read; the page says so and lists nothing rather than guessing. Times are UTC, as a
 * {@code datetime-local} field sends them or as an ISO instant.
 */
record ConsoleFilters(String channelText, Channel channel, String type, String sinceText, Instant since,
                      String untilText, Instant until, String statusText, DeliveryStatus status,
                      List<String> errors) {
    private static final int MAX_TEXT = 200;

    static ConsoleFilters read(String channel, String type, String since, String until, String status) {
        List<String> errors = new ArrayList<>();
        Channel parsedChannel = null;
        if (present(channel)) {
            try {
                parsedChannel = Channel.valueOf(channel.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                errors.add("channel");
            }
        }
        DeliveryStatus parsedStatus = null;
        if (present(status)) {
            try {
                parsedStatus = DeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("status");
            }
        }
        if (present(type) && type.length() > MAX_TEXT) {
            errors.add("type");
        }
        Instant parsedSince = time(since, "since", errors);
        Instant parsedUntil = time(until, "until", errors);
        return new ConsoleFilters(clip(channel), parsedChannel, present(type) ? clip(type).trim() : null, clip(since),
                parsedSince, clip(until), parsedUntil, clip(status), parsedStatus, List.copyOf(errors));
    }

    /**
     * The id a list page's {@code cursor} points after (the last id of the page before), empty for the first page;
     * one that is not an id is added to {@code errors} as "cursor".
     */
    static Optional<UUID> cursor(String cursor, List<String> errors) {
        if (!present(cursor)) {
            return Optional.empty();
        }
        Optional<UUID> after = DeadLettersPage.uuid(cursor.trim());
        if (after.isEmpty()) {
            errors.add("cursor");
        }
        return after;
    }

    DeadLetterFilter deadLetterFilter() {
        return new DeadLetterFilter(channel, type, since);
    }

    private static Instant time(String text, String field, List<String> errors) {
        if (!present(text)) {
            return null;
        }
        String t = text.trim();
        try {
            Instant at = t.endsWith("Z") ? Instant.parse(t) : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            // The same range the API accepts: the databases' timestamp types end before Instant's do.
            if (at.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || at.isAfter(Instant.parse("9999-12-31T00:00:00Z"))) {
                errors.add(field);
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(field);
            return null;
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
