package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.kakao.KakaoAlimTalkProvider;
import dev.herald.providers.kakao.KakaoAlimTalkSettings;

import java.time.Clock;
import java.util.List;

/** {@code herald.providers.kakao}: Kakao AlimTalk through NHN Cloud's BizMessage API. */
final class KakaoProviderFactory implements ProviderFactory<ProvidersProperties.Kakao> {
    private final Clock clock;

    KakaoProviderFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "kakao";
    }

    @Override
    public List<ProvidersProperties.Kakao> entries(ProvidersProperties providers) {
        return providers.kakao();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.Kakao s) {
        return new KakaoAlimTalkProvider(new KakaoAlimTalkSettings(name, s.baseUrl(), s.appKey(), s.secretKey(),
                s.senderKey(), s.templateCodes(), s.http().settings()), clock);
    }
}
