package dev.herald.core.topics;

import java.util.List;

/** A page of a topic's subscribers in user-id order; {@code nextAfter} is the last id when more follow. */
public record SubscriberPage(List<String> userIds, String nextAfter) {
    public SubscriberPage {
        userIds = List.copyOf(userIds);
    }
}
