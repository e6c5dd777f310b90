package dev.herald.providers.chain;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.testkit.RecordingProvider;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackChannelTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T01:00:00Z"));

    private FailoverChain chain(Channel channel, ChannelProvider provider) {
        return new FailoverChain(channel, List.of(provider), Map.of(), clock, clock::advance, Duration.ofSeconds(1),
                ProviderCalls.NONE);
    }

    /** A Kakao provider that takes a while to refuse: the recipient is not on KakaoTalk. */
    private RecordingProvider slowRefusingKakao() {
        return new RecordingProvider(Channel.KAKAO).answering(m -> {
            clock.advance(Duration.ofMillis(100));
            return new SendResult.Rejected("kakao", "not a KakaoTalk user", false);
        });
    }

    /** An SMS provider that may take up to {@code longest} for one send. */
    private static ChannelProvider sms(RecordingProvider inner, Duration longest) {
        return new ChannelProvider() {
            @Override
            public String name() {
                return "sms";
            }

            @Override
            public Channel channel() {
                return Channel.SMS;
            }

            @Override
            public Duration longestSend() {
                return longest;
            }

            @Override
            public SendResult send(OutboundMessage message) {
                return inner.send(message);
            }
        };
    }

    private static OutboundMessage kakao() {
        return TestOutbound.to(Channel.KAKAO, "+821012345678", "배송 안내", "주문 42번이 발송되었습니다.");
    }

    @Test
    void aRefusedKakaoMessageGoesOutAsSms() {
        RecordingProvider sms = new RecordingProvider(Channel.SMS);
        FallbackChannel channel = new FallbackChannel(chain(Channel.KAKAO, slowRefusingKakao()),
                chain(Channel.SMS, sms(sms, Duration.ofMillis(100))));

        SendResult result = channel.send(kakao());

        assertThat(result).isInstanceOfSatisfying(SendResult.Sent.class,
                sent -> assertThat(sent.note()).contains("sent as SMS"));
        assertThat(sms.received()).hasSize(1);
    }

    @Test
    void theSmsFallbackOnlyGetsWhatTheKakaoChainLeftOfTheSameBudget() {
        RecordingProvider sms = new RecordingProvider(Channel.SMS);
        // Alone the SMS send fits in the chain's second; after Kakao used 100 ms of it, it no longer does.
        FallbackChannel channel = new FallbackChannel(chain(Channel.KAKAO, slowRefusingKakao()),
                chain(Channel.SMS, sms(sms, Duration.ofMillis(950))));

        SendResult result = channel.send(kakao());

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class, retry -> {
            assertThat(retry.reason()).contains("no time left to try sms");
            // Kakao was asked: this uses up an attempt, so a fallback that never fits cannot loop forever.
            assertThat(retry.attempted()).isTrue();
        });
        assertThat(sms.received()).isEmpty();
    }
}
