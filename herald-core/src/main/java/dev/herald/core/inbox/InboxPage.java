package dev.herald.core.inbox;

import java.util.List;
import java.util.UUID;

/** A page of an inbox, newest first, with the unread count a badge shows and the cursor for the next page. */
public record InboxPage(List<InboxMessage> messages, long unread, UUID nextCursor) {
}
