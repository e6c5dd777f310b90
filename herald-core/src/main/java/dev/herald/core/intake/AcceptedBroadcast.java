package dev.herald.core.intake;

import dev.herald.core.broadcast.Broadcast;

/** The answer to an accepted broadcast; {@code replayed} when an idempotency key matched an earlier one. */
public record AcceptedBroadcast(Broadcast broadcast, boolean replayed) {
}
