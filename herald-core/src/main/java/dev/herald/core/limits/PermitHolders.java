package dev.herald.core.limits;

import java.time.Duration;

/**
 * Port: who already holds a permit of a budget, remembered for the budget's period, so that one message tried
 * several times spends one permit. A try whose outcome was lost (its worker killed, or the database away when it
 * wanted to record it) cannot tell the next claimer whether the budget said yes or no; this memory can. The
 * embedded implementation keeps it in this process; a Redis-backed one shares it across nodes.
 */
public interface PermitHolders {
    /** Remembers nothing: every try is asked of the budget afresh. */
    PermitHolders NONE = new PermitHolders() {
        @Override
        public boolean holds(String holder) {
            return false;
        }

        @Override
        public void remember(String holder, Duration period) {
        }
    };

    /** Whether {@code holder} was granted a permit less than the period it was remembered for ago. */
    boolean holds(String holder);

    /** Remembers that {@code holder} was granted a permit, for {@code period}. */
    void remember(String holder, Duration period);
}
