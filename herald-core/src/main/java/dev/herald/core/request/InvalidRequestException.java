package dev.herald.core.request;

import java.util.List;

/**
 * A request that breaks one or more rules; thrown before anything is written. {@code conflict} marks a request
 * that is well-formed but cannot be done in the current state (an idempotency key already used for another
 * request), which HTTP answers with 422 rather than 400.
 */
public final class InvalidRequestException extends RuntimeException {
    private final List<Violation> violations;
    private final boolean conflict;

    public InvalidRequestException(List<Violation> violations) {
        this(violations, false);
    }

    private InvalidRequestException(List<Violation> violations, boolean conflict) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
        this.conflict = conflict;
    }

    public static InvalidRequestException conflict(String field, String rule, String message) {
        return new InvalidRequestException(List.of(new Violation(field, rule, message)), true);
    }

    public boolean isConflict() {
        return conflict;
    }

    public static InvalidRequestException of(String field, String rule, String message) {
        return new InvalidRequestException(List.of(new Violation(field, rule, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        return violations.isEmpty() ? "invalid request"
                : violations.getFirst().field() + ": " + violations.getFirst().message();
    }
}
