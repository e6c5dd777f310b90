package dev.herald.core.model;

import java.util.Objects;

/** The tenant every row and every query is scoped to. */
public record TenantId(String value) {
    public static final String DEFAULT_VALUE = "default";

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("tenant id must be 1..64 characters");
        }
    }

    public static TenantId defaultTenant() {
        return new TenantId(DEFAULT_VALUE);
    }

    @Override
    public String toString() {
        return value;
    }
}
