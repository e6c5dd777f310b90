package dev.herald.server.config;

import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.providers.chain.ProviderCalls;
import dev.herald.providers.chain.ProviderRates;
import dev.herald.providers.chain.ProviderHealth;
import dev.herald.providers.inbox.InboxProvider;
import dev.herald.providers.twilio.TwilioSignature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every configured provider through its kind's {@link ProviderFactory} and, per channel, the chain that
 * carries it. A configuration mistake (a missing credential, an unknown provider name in a channel's list) stops
 * start-up with a message naming the key to fix. Factories are listed in the order their providers join a chain
 * that names none (Twilio before the generic HTTP gateway, FCM before APNs).
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    SmtpProviderFactory smtpProviders() {
        return new SmtpProviderFactory();
    }

    @Bean
    TwilioProviderFactory twilioProviders(HeraldProperties properties, Clock clock) {
        return new TwilioProviderFactory(publicBaseUrl(properties), clock);
    }

    @Bean
    HttpSmsProviderFactory httpSmsProviders(Clock clock) {
        return new HttpSmsProviderFactory(clock);
    }

    @Bean
    KakaoProviderFactory kakaoProviders(Clock clock) {
        return new KakaoProviderFactory(clock);
    }

    @Bean
    FcmProviderFactory fcmProviders(Clock clock) {
        return new FcmProviderFactory(clock);
    }

    @Bean
    ApnsProviderFactory apnsProviders(Clock clock) {
        return new ApnsProviderFactory(clock);
    }

    @Bean
    SlackProviderFactory slackProviders(Clock clock) {
        return new SlackProviderFactory(clock);
    }

    @Bean
    WebhookProviderFactory webhookProviders(DisabledEndpoints disabled, Clock clock) {
        return new WebhookProviderFactory(disabled, clock);
    }

    @Bean
    SandboxProviderFactory sandboxProviders(SandboxStore store, IdGenerator ids, Clock clock,
                                            HeraldProperties properties) {
        return new SandboxProviderFactory(store, ids, clock, properties.providers().sandbox().latency());
    }

    @Bean
    InboxProvider inboxProvider(Inbox inbox, IdGenerator ids, Clock clock) {
        return new InboxProvider(inbox, ids, clock);
    }

    @Bean(destroyMethod = "close")
    BuiltProviders builtProviders(List<ProviderFactory<?>> factories, HeraldProperties properties) {
        LongestSendRule longestSend = new LongestSendRule(properties.worker().lease());
        longestSend.checkSandbox(properties.providers().sandbox().latency());
        return BuiltProviders.build(factories, properties.providers(), longestSend);
    }

    /** Each Twilio account's signature check for the receipts it posts, when Herald has a public URL. */
    @Bean
    TwilioCallbacks twilioCallbacks(HeraldProperties properties) {
        String base = publicBaseUrl(properties);
        List<ProvidersProperties.Twilio> twilio = properties.providers().twilio();
        Map<String, TwilioCallbacks.Account> accounts = new LinkedHashMap<>();
        for (int i = 0; base != null && i < twilio.size(); i++) {
            accounts.put(BuiltProviders.nameOf("twilio", twilio, i), new TwilioCallbacks.Account(
                    new TwilioSignature(twilio.get(i).authToken()), base + TwilioCallbacks.PATH));
        }
        return new TwilioCallbacks(Map.copyOf(accounts));
    }

    @Bean
    ChannelProviders channelProviders(BuiltProviders built, InboxProvider inbox, SandboxProviderFactory sandbox,
                                      HeraldProperties properties, Clock clock, ProviderCalls calls,
                                      ProviderRates rates) {
        return new ChannelChains(built, inbox, sandbox, clock,
                new LongestSendRule(properties.worker().lease()).chainBudget(), calls, rates)
                .carriers(properties.channels());
    }

    /** Start-up refuses prices for providers that do not exist (a typo would bill the channel's price). */
    @Bean
    PricedProviders pricedProviders(BillingProperties billing, BuiltProviders built) {
        return PricedProviders.check(billing, built);
    }

    /** How every provider stands now, for the dashboard; Herald's own sandbox and inbox are their own kinds. */
    @Bean
    ProviderHealth providerHealth(ChannelProviders carriers, BuiltProviders built) {
        Map<String, String> kinds = new LinkedHashMap<>(built.kinds());
        BuiltProviders.RESERVED.forEach(name -> kinds.put(name, name));
        return new ProviderHealth(carriers, kinds);
    }

    /** {@code herald.public-base-url} without a trailing slash, or null when not set. */
    private static String publicBaseUrl(HeraldProperties properties) {
        String url = properties.publicBaseUrl();
        if (url == null || url.isBlank()) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
