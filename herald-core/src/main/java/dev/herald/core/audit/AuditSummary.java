package dev.herald.core.audit;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Builds an entry's summary as {@code name=value} pairs in the order given ({@code version=3, channel=EMAIL}). Only
 * names, counts, flags and identifiers belong here: never a secret, an address, or a template's or message's text.
 */
public final class AuditSummary {
    private final StringBuilder text = new StringBuilder();

    private AuditSummary() {
    }

    public static AuditSummary of(String name, Object value) {
        return new AuditSummary().and(name, value);
    }

    public static String none() {
        return "";
    }

    /** Adds a pair; a null value is left out, a collection is written as {@code [a, b]}. */
    public AuditSummary and(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (!text.isEmpty()) {
            text.append(", ");
        }
        text.append(name).append('=').append(value instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"))
                : value);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
