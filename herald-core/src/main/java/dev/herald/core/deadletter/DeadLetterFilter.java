package dev.herald.core.deadletter;

import dev.herald.core.model.Channel;

import java.time.Instant;

/** Which dead letters an operator means; every part is optional (null matches all). */
public record DeadLetterFilter(Channel channel, String type, Instant since) {
    public static DeadLetterFilter all() {
        return new DeadLetterFilter(null, null, null);
    }
}
