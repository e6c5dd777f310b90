package dev.herald.core.request;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of one request so the caller learns about all of them at once. */
public final class Violations {
    private final List<Violation> found = new ArrayList<>();

    public void add(String field, String rule, String message) {
        found.add(new Violation(field, rule, message));
    }

    /** What was found so far, in order: for pages that show each beside its field rather than throw. */
    public List<Violation> found() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** @return false when the value is missing or blank, after recording why */
    public boolean required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "required", "is required");
            return false;
        }
        return true;
    }

    public boolean maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "max-length", "must be at most " + max + " characters (was " + value.length() + ")");
            return false;
        }
        return true;
    }

    /**
     * PostgreSQL cannot store NUL in text: a NUL that got this far would fail the write with a 500, so it is
     * refused here, by field, before anything is written.
     *
     * @return false when the value holds a NUL, after recording it
     */
    public boolean noNul(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            add(field, "nul", "must not contain NUL (\\u0000) characters");
            return false;
        }
        return true;
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }
}
