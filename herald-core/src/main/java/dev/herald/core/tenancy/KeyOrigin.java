package dev.herald.core.tenancy;

/**
 * Where a key came from: {@code ISSUED} through the API, {@code GENERATED} by the first start, {@code CONFIGURED} as
 * {@code herald.admin-key} (so a changed setting can revoke the key it replaces, and the API leaves it to the setting).
 */
public enum KeyOrigin {
    ISSUED, GENERATED, CONFIGURED
}
