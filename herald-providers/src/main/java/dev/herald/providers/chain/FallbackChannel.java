package dev.herald.providers.chain;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;

import java.time.Duration;
import java.time.Instant;

/**
 * A channel that hands a refused message to another channel at the same address, as Korean senders do with
 * KakaoTalk AlimTalk: when Kakao refuses (the recipient is not on KakaoTalk, the template does not match) the same
 * text goes out as an SMS. Only a permanent refusal falls back; a passing failure is retried on the first
 * channel, so nobody gets both messages.
 */
public final class FallbackChannel implements ChannelProvider {
    private final FailoverChain primary;
    private final FailoverChain fallback;

    public FallbackChannel(FailoverChain primary, FailoverChain fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    /** The channel's own chain, without the fallback (which reports as its own channel's carrier). */
    public FailoverChain primary() {
        return primary;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public Channel channel() {
        return primary.channel();
    }

    @Override
    public boolean accepts(String address) {
        return primary.accepts(address) || fallback.accepts(address);
    }

    @Override
    public SendResult send(OutboundMessage message) {
        Instant started = primary.clock().instant();
        boolean primaryAsked = primary.accepts(message.address());
        SendResult first = primaryAsked ? primary.send(message)
                : new SendResult.Rejected(primary.name(), "no " + primary.channel() + " provider for this address",
                false);
        if (!(first instanceof SendResult.Rejected refused)) {
            return first;
        }
        // Both channels share one lease: the fallback gets what the first chain left of its budget.
        SendResult second = fallback.send(message.via(fallback.channel()),
                primary.budget().minus(Duration.between(started, primary.clock().instant())));
        String why = primary.channel() + " refused (" + refused.provider() + ": " + refused.reason() + ")";
        return switch (second) {
            case SendResult.Sent sent -> sent.withNote("sent as " + fallback.channel() + " because " + why
                    + (sent.note() == null ? "" : "; " + sent.note()));
            case SendResult.Retry retry -> new SendResult.Retry(retry.provider(),
                    why + "; " + fallback.channel() + " fallback: " + retry.reason(), retry.retryAfter(),
                    // The first channel's refusal was an attempt even if the fallback deferred: a fallback that never
                    // fits what is left must end in the dead-letter queue, not be deferred forever.
                    retry.attempted() || primaryAsked, retry.recipientTrouble());
            case SendResult.Rejected rejected -> new SendResult.Rejected(rejected.provider(),
                    why + "; " + fallback.channel() + " fallback: " + rejected.reason(), rejected.invalidAddress());
        };
    }
}
