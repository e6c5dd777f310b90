package dev.herald.testkit;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A provider for dispatch tests: records every message and answers as the test says (sent by default). */
public final class RecordingProvider implements ChannelProvider {
    private final Channel channel;
    private final List<OutboundMessage> received = new CopyOnWriteArrayList<>();
    private volatile Function<OutboundMessage, SendResult> answer;

    public RecordingProvider(Channel channel) {
        this.channel = channel;
        this.answer = m -> new SendResult.Sent(name(), "rec-" + m.deliveryId());
    }

    public RecordingProvider answering(Function<OutboundMessage, SendResult> answer) {
        this.answer = answer;
        return this;
    }

    public List<OutboundMessage> received() {
        return List.copyOf(received);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        received.add(message);
        return answer.apply(message);
    }
}
