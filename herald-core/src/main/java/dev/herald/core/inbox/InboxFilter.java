package dev.herald.core.inbox;

/** Which part of an inbox to list: what the user still sees, only the unread part, or the archive. */
public enum InboxFilter {
    ACTIVE, UNREAD, ARCHIVED
}
