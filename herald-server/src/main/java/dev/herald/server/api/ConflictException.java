package dev.herald.server.api;

/** The request is well-formed but the resource's state refuses it (an id taken, a tenant not empty): 409. */
public final class ConflictException extends RuntimeException {
    private final String field;
    private final String rule;

    public ConflictException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
