package dev.herald.core.model;

/**
 * What kind of failure happened, for a log line: the exception types along the cause chain, without their messages.
 * Messages of database and provider exceptions quote the data they choked on (an address, a constraint's key, a
 * provider's answer), which must not reach the logs.
 */
public final class FailureKind {
    private static final int MAX_LENGTH = 300;

    private FailureKind() {
    }

    /** "DataIntegrityViolationException <- BatchUpdateException <- PSQLException" */
    public static String of(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        StringBuilder kinds = new StringBuilder();
        Throwable previous = null;
        for (Throwable t = failure; t != null && t != previous && kinds.length() < MAX_LENGTH; t = t.getCause()) {
            if (!kinds.isEmpty()) {
                kinds.append(" <- ");
            }
            kinds.append(t.getClass().getSimpleName());
            previous = t;
        }
        return kinds.toString();
    }

    /**
     * The kinds plus where the deepest cause was thrown (its first frames), enough to find the bug without quoting
     * any data: "IllegalStateException <- NullPointerException at a.B.c(B.java:12) < a.D.e(D.java:40)".
     */
    public static String withOrigin(Throwable failure, int frames) {
        if (failure == null) {
            return of(null);
        }
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        StackTraceElement[] stack = deepest.getStackTrace();
        StringBuilder origin = new StringBuilder(of(failure));
        for (int i = 0; i < Math.min(frames, stack.length); i++) {
            origin.append(i == 0 ? " at " : " < ").append(stack[i]);
        }
        return origin.toString();
    }
}
