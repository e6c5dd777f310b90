package dev.herald.core.deadletter;

import java.util.List;
import java.util.UUID;

/** Set-aside event records, newest first, and where the next page starts. */
public record EventDeadLetterPage(List<EventDeadLetter> items, UUID nextCursor) {
    public EventDeadLetterPage {
        items = List.copyOf(items);
    }
}
