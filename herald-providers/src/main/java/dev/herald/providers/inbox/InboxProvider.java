package dev.herald.providers.inbox;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.inbox.InboxMessage;
import dev.herald.core.model.Channel;

import java.time.Clock;

/**
 * The in-app channel's carrier: puts the message in the user's inbox and tells connected clients at once. Adding
 * is idempotent per delivery, so a delivery sent again after a lost lease still shows once.
 */
public final class InboxProvider implements ChannelProvider {
    private final Inbox inbox;
    private final IdGenerator ids;
    private final Clock clock;

    public InboxProvider(Inbox inbox, IdGenerator ids, Clock clock) {
        this.inbox = inbox;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "inbox";
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        InboxMessage added = new InboxMessage(ids.next(), message.address(), message.deliveryId(),
                message.notificationId(), message.type(), message.message().subject(), message.message().text(),
                clock.instant(), null, null);
        inbox.deliver(message.tenant(), added);
        return new SendResult.Sent(name(), message.deliveryId().toString());
    }
}
