package dev.herald.core.workflow;

/** Where one step of a run stands; only a DUE step has a timer, and DONE, SKIPPED, CANCELLED and SET_ASIDE are final. */
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
    CANCELLED,
    /**
     * Failed on every attempt (or was not reached because an earlier step did): the run ends here, its held
     * deliveries FAILED; the outcome says why.
     */
    SET_ASIDE,
    /** A stored state this version cannot read (a newer version's, a damaged row): only a read shows it. */
    UNKNOWN;

    public boolean isFinal() {
        return this == DONE || this == SKIPPED || this == CANCELLED || this == SET_ASIDE;
    }
}
