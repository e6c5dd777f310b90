package dev.herald.server.config;

/** A start-up failure the operator can fix; carries the fix so the console says what to do, not just what broke. */
public final class StartupProblem extends RuntimeException {
    private final String action;

    public StartupProblem(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public StartupProblem(String description, String action) {
        this(description, action, null);
    }

    public String action() {
        return action;
    }
}
