package dev.herald.core.request;

/** One broken rule of a request: which field, which rule, and a sentence a person can act on. */
public record Violation(String field, String rule, String message) {
}
