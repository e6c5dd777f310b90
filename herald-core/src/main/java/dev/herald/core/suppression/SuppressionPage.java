package dev.herald.core.suppression;

import java.util.List;
import java.util.UUID;

/** A page of entries, newest first; {@code nextCursor} (the last entry's id) is null on the last page. */
public record SuppressionPage(List<Suppression> items, UUID nextCursor) {
    public SuppressionPage {
        items = List.copyOf(items);
    }
}
