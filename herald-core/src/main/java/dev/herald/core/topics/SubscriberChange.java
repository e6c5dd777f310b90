package dev.herald.core.topics;

/** What one change of a topic's subscribers did: ids newly added and ids removed (repeats change nothing). */
public record SubscriberChange(int added, int removed) {
}
