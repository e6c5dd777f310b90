package dev.herald.core.model;

/**
 * A failed round of a runner's item (a workflow step, a broadcast), as its record says it: the kind of failure
 * ({@link FailureKind}, never a message) and whether it passes by itself, in which case it is not counted as an
 * attempt ({@link RetryThenSetAside#after}).
 */
public record RoundFailure(String kind, boolean passing) {

    public static RoundFailure of(Throwable failure, PassingFailures passing) {
        return new RoundFailure(FailureKind.of(failure), passing.passes(failure));
    }

    /** A failure of the item itself: counted. */
    public static RoundFailure counted(String kind) {
        return new RoundFailure(kind, false);
    }

    /** A failure that passes by itself: waited out, not counted. */
    public static RoundFailure passing(String kind) {
        return new RoundFailure(kind, true);
    }
}
