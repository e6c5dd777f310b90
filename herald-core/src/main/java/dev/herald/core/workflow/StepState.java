package dev.herald.core.workflow;

/** Where one step of a run stands; only a DUE step has a timer, and DONE, SKIPPED and CANCELLED are final. */
public enum StepState {
    /** Not reached yet: an earlier step is still running. */
    WAITING,
    /** Its timer runs: a worker takes it at its due time. */
    DUE,
    /** Ran (a send released its deliveries, a wait ended). */
    DONE,
    /** Reached, but its condition said no (read already, not critical). */
    SKIPPED,
    /** The notification was cancelled before the step was reached. */
    CANCELLED;

    public boolean isFinal() {
        return this == DONE || this == SKIPPED || this == CANCELLED;
    }
}
