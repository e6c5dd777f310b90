package dev.herald.core.broadcast;

import java.util.List;
import java.util.UUID;

/** A page of a tenant's broadcasts, newest first; {@code nextAfter} is the last id when more follow. */
public record BroadcastPage(List<Broadcast> broadcasts, UUID nextAfter) {
    public BroadcastPage {
        broadcasts = List.copyOf(broadcasts);
    }
}
