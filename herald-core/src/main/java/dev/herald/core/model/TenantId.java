package dev.herald.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** The tenant every row and every query is scoped to. */
public record TenantId(String value) {
    public static final String DEFAULT_VALUE = "default";
    /** Ids of tenants made through the API: they travel in paths, headers and user tokens, so plain characters. */
    public static final String NEW_ID_RULE = "1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit";
    private static final Pattern NEW_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("tenant id must be 1..64 characters");
        }
    }

    /** Whether {@code value} may name a new tenant ({@link #NEW_ID_RULE}). */
    public static boolean isWellFormedNewId(String value) {
        return value != null && NEW_ID.matcher(value).matches();
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
