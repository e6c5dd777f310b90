package dev.herald.core.tenancy;

/** What presenting a key came to: accepted, refused (401), or a valid key of a suspended tenant (403). */
public sealed interface Authentication {
    record Accepted(Caller caller) implements Authentication {
    }

    record Refused(String reason) implements Authentication {
    }

    record Suspended(Caller caller) implements Authentication {
    }
}
