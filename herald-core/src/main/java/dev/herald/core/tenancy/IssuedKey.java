package dev.herald.core.tenancy;

/** A freshly made key: {@code secret} is shown to the operator once and never stored. */
public record IssuedKey(String secret, ApiKey key) {
}
