package dev.herald.core.routing;

import dev.herald.core.model.Channel;

import java.util.Optional;

/**
 * Channels a notification type sends to one fixed place rather than to each recipient, like an operations Slack
 * channel for failed payments: such a channel gets one delivery per notification, whoever the recipients are.
 * Configured by the operator, so the planner asks it for the default tenant's notifications only.
 */
@FunctionalInterface
public interface FixedAddresses {
    Optional<String> fixedAddress(String type, Channel channel);

    FixedAddresses NONE = (type, channel) -> Optional.empty();
}
