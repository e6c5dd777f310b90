package dev.herald.server.api;

import dev.herald.core.intake.Violations;

import java.util.UUID;

/** Query and path parameters parsed by hand, so a bad one is reported by name instead of as a type error. */
final class QueryParams {
    private QueryParams() {
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
}
