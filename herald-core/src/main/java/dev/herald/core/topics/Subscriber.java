package dev.herald.core.topics;

/**
 * One user on a topic. {@code position} grows with every subscription, so a walk in position order sees
 * subscribers in the order they joined and a broadcast can take "everyone up to this position" as its audience.
 */
public record Subscriber(long position, String userId) {
}
