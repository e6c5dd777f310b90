package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.twilio.TwilioSettings;
import dev.herald.providers.twilio.TwilioSmsProvider;

import java.time.Clock;
import java.util.List;

/** {@code herald.providers.twilio}: SMS through Twilio, with status callbacks when a public URL is set. */
final class TwilioProviderFactory implements ProviderFactory<ProvidersProperties.Twilio> {
    private final String publicBaseUrl;
    private final Clock clock;

    /** @param publicBaseUrl where Twilio posts receipts, without a trailing slash; null for no receipts */
    TwilioProviderFactory(String publicBaseUrl, Clock clock) {
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /** The same factory for accounts whose receipts Herald cannot check (a tenant's): no status callbacks asked. */
    TwilioProviderFactory withoutReceipts() {
        return new TwilioProviderFactory(null, clock);
    }

    @Override
    public String kind() {
        return "twilio";
    }

    @Override
    public List<ProvidersProperties.Twilio> entries(ProvidersProperties providers) {
        return providers.twilio();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.Twilio s) {
        return new TwilioSmsProvider(new TwilioSettings(name, s.baseUrl(), s.accountSid(), s.authToken(),
                s.fromNumber(), s.messagingServiceSid(), publicBaseUrl, s.http().settings()), clock);
    }
}
