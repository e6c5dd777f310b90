package dev.herald.core.deadletter;

import java.util.List;
import java.util.UUID;

/** Dead letters, most recently dead first, and where the next page starts. */
public record DeadLetterPage(List<DeadLetter> items, UUID nextCursor) {
}
