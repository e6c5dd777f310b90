package dev.herald.server.inbox;

import dev.herald.core.inbox.InboxFanOut;
import dev.herald.core.inbox.LocalInboxFanOut;
import dev.herald.testkit.InboxFanOutContract;

/** The inbox fan-out contract in one process (one node: both "nodes" are the same instance). */
class LocalInboxFanOutTest extends InboxFanOutContract {
    private final LocalInboxFanOut fanOut = new LocalInboxFanOut();

    @Override
    protected InboxFanOut node(int index) {
        return fanOut;
    }
}
