package dev.herald.core.intake;

import dev.herald.core.request.InvalidRequestException;
/** The outcome of one item of a batch: accepted, or refused with the rules it broke. */
public sealed interface BatchItem {
    record AcceptedItem(Accepted accepted) implements BatchItem {
    }

    record RefusedItem(InvalidRequestException refusal) implements BatchItem {
    }
}
