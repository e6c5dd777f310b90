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

    /**
     * Whether this is the operator's own tenant. Per-type settings in configuration ({@code herald.*.by-type},
     * {@code webhooks-by-type}, {@code herald.digest.types}) describe its types only; other tenants set theirs on
     * their types, so one tenant's type name can never borrow the operator's Slack channel or windows.
     */
    public boolean isDefault() {
        return DEFAULT_VALUE.equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
