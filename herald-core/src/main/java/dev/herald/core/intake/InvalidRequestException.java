package dev.herald.core.intake;

import java.util.List;

/** A request that breaks one or more rules; thrown before anything is written. */
public final class InvalidRequestException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
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
