package dev.herald.core.tenancy;

/** What an API key may do. */
public enum Scope {
    SEND, READ, ADMIN
}
