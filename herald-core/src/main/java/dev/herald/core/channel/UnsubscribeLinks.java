package dev.herald.core.channel;

import dev.herald.core.model.ClaimedDelivery;

/**
 * Gives a delivery about to be sent its unsubscribe link, or null when it carries none (another channel than email,
 * a critical type, no user to opt out). Asked once per send, so it must answer from memory.
 */
@FunctionalInterface
public interface UnsubscribeLinks {
    UnsubscribeLink linkFor(ClaimedDelivery delivery);

    UnsubscribeLinks NONE = delivery -> null;
}
