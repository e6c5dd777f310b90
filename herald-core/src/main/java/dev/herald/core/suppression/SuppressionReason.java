package dev.herald.core.suppression;

/**
 * Why an address is on a tenant's suppression list. Whether a critical notification still goes to it is decided
 * here, once: an address that cannot receive (a hard bounce, an invalid number, a dead token) or whose owner
 * reported us as spam is skipped even for critical types; one the owner merely unsubscribed (or an operator added
 * by hand) still gets critical mail, as a security alert must reach a user who turned off newsletters.
 */
public enum SuppressionReason {
    HARD_BOUNCE(true),
    COMPLAINT(true),
    UNSUBSCRIBED(false),
    INVALID_NUMBER(true),
    DEAD_TOKEN(true),
    MANUAL(false);

    private final boolean blocksCritical;

    SuppressionReason(boolean blocksCritical) {
        this.blocksCritical = blocksCritical;
    }

    /** Whether a delivery of a critical type to the address is suppressed too. */
    public boolean blocksCritical() {
        return blocksCritical;
    }
}
