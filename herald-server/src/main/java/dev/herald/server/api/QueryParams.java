package dev.herald.server.api;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.request.Violations;
import dev.herald.core.types.TypeName;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Query and path parameters parsed by hand, so a bad one is reported by name instead of as a type error. */
final class QueryParams {
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private QueryParams() {
    }

    /** An optional {@code channel} filter: null when absent, a violation naming it when it is no channel. */
    static Channel channel(Violations v, String value) {
        if (value == null) {
            return null;
        }
        Channel parsed = Channel.parse(value).orElse(null);
        if (parsed == null) {
            v.add("channel", "one-of", "must be one of " + Channel.allNames());
        }
        return parsed;
    }

    /** An optional {@code status} filter: a delivery status by name, any case. */
    static DeliveryStatus status(Violations v, String value) {
        if (value == null) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add("status", "one-of", "must be one of " + String.join(", ",
                    Arrays.stream(DeliveryStatus.values()).map(Enum::name).toList()));
            return null;
        }
    }

    /**
     * An optional ISO-8601 instant ({@code 2026-11-21T09:00:00Z}) within the years the databases' timestamps hold.
     */
    static Instant instant(Violations v, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            Instant parsed = Instant.parse(value);
            if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
                v.add(field, "range", "must be a date between the years 2000 and 9999");
                return null;
            }
            return parsed;
        } catch (DateTimeParseException e) {
            v.add(field, "format", "must be an ISO-8601 instant like 2026-11-21T09:00:00Z");
            return null;
        }
    }

    /** An optional {@code type} filter, checked against the type-name rule. */
    static String type(Violations v, String value) {
        if (value != null && !TypeName.isValid(value)) {
            v.add("type", "format", "must be a notification type like order.shipped");
        }
        return value;
    }

    static int limit(Violations v, String value, int max) {
        return number(v, "limit", value, max);
    }

    static int number(Violations v, String field, String value, int max) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        v.add(field, "range", "must be a whole number between 1 and " + max);
        return 0;
    }

    static UUID uuid(Violations v, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            v.add(field, "format", "must be an id this API returned");
            return null;
        }
    }

    /** A path's id: a 400 naming {@code field} when it is blank ("must be {@code what}") or not an id. */
    static UUID requiredId(String field, String value, String what) {
        Violations v = new Violations();
        UUID id = uuid(v, field, value);
        if (id == null && v.isEmpty()) {
            v.add(field, "required", "must be " + what);
        }
        v.throwIfAny();
        return id;
    }

    /** The names of the parameters whose name or value is not valid percent-encoding, in the order given. */
    static List<String> badlyEncoded(String query) {
        List<String> names = new ArrayList<>();
        if (query == null) {
            return names;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String decodedName = decodes(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : null;
            if (decodedName == null || !decodes(value)) {
                // A name that cannot be decoded is reported as sent, so the caller recognises it.
                names.add(decodedName == null ? name : decodedName);
            }
        }
        return names;
    }

    private static boolean decodes(String text) {
        try {
            URLDecoder.decode(text, StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
