package dev.herald.server.limits;

import dev.herald.core.limits.PermitHolders;
import dev.herald.testkit.PermitHoldersContract;

/** The permit-holders contract in this process (one node: both "nodes" are the same memory). */
class InProcessPermitHoldersTest extends PermitHoldersContract {
    private final InProcessPermitHolders holders = new InProcessPermitHolders(clock, 1_000);

    @Override
    protected PermitHolders node(int index) {
        return holders;
    }
}
