package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.inbox.InboxListener;
import dev.herald.core.inbox.InboxStore;
import dev.herald.core.model.Channel;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.jdbc.JdbcDisabledEndpoints;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.FallbackChannel;
import dev.herald.providers.chain.Sleeper;
import dev.herald.providers.inbox.InboxProvider;
import dev.herald.providers.twilio.TwilioSignature;
import dev.herald.providers.webhook.DisabledEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The webhook provider's port over the JDBC table, so a 410 survives restarts. */
    @Bean
    DisabledEndpoints disabledEndpoints(JdbcDisabledEndpoints table) {
        return new StoredDisabledEndpoints(table);
    }

    @Bean
    SandboxProviderFactory sandboxProviders(SandboxStore store, IdGenerator ids, Clock clock,
                                            HeraldProperties properties) {
        return new SandboxProviderFactory(store, ids, clock, properties.providers().sandbox().latency());
    }

    @Bean
    InboxProvider inboxProvider(InboxStore store, InboxListener listener, IdGenerator ids, Clock clock) {
        return new InboxProvider(store, listener, ids, clock);
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
                                      HeraldProperties properties, Clock clock) {
        ChannelsProperties routes = properties.channels();
        Map<Channel, List<String>> wanted = new EnumMap<>(Channel.class);
        wanted.put(Channel.EMAIL, routes.email().providers());
        wanted.put(Channel.SMS, routes.sms().providers());
        wanted.put(Channel.PUSH, routes.push().providers());
        wanted.put(Channel.IN_APP, routes.inApp().providers());
        wanted.put(Channel.SLACK, routes.slack().providers());
        wanted.put(Channel.KAKAO, routes.kakao().providers());
        wanted.put(Channel.WEBHOOK, routes.webhook().providers());

        Map<String, ChannelProvider> available = new LinkedHashMap<>(built.byName());
        available.put(inbox.name(), inbox);
        Map<Channel, FailoverChain> chains = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            List<ChannelProvider> members = new ArrayList<>();
            String key = "herald.channels." + ConfiguredChannels.key(channel) + ".providers";
            if (new HashSet<>(wanted.get(channel)).size() < wanted.get(channel).size()) {
                throw new StartupProblem(key + " lists a provider twice",
                        "list each provider once per channel");
            }
            for (String name : wanted.get(channel)) {
                ChannelProvider provider = name.equals("sandbox") ? sandbox.create(channel)
                        : available.get(name);
                if (provider == null) {
                    throw new StartupProblem(key + " names '" + name
                            + "', but no provider has that name",
                            "use one of " + available.keySet() + " or sandbox, or configure a provider named '"
                                    + name + "' under herald.providers");
                }
                if (provider.channel() != channel) {
                    throw new StartupProblem(key + " names '" + name
                            + "', which carries " + provider.channel() + ", not " + channel,
                            "list only " + channel + " providers for this channel");
                }
                members.add(provider);
            }
            if (members.isEmpty()) {
                members.addAll(available.values().stream().filter(pr -> pr.channel() == channel).toList());
            }
            if (members.isEmpty()) {
                members.add(sandbox.create(channel));
            }
            // Half the lease for one message's whole chain: the rest is headroom before another worker may take it.
            chains.put(channel, new FailoverChain(channel, members, built.guards(), clock, Sleeper.REAL,
                    new LongestSendRule(properties.worker().lease()).chainBudget()));
        }
        Map<Channel, ChannelProvider> carriers = new EnumMap<>(chains);
        if (routes.kakao().fallbackToSms()) {
            carriers.put(Channel.KAKAO, new FallbackChannel(chains.get(Channel.KAKAO), chains.get(Channel.SMS)));
        }
        return new ChannelProviders(List.copyOf(carriers.values()));
    }

    /** {@code herald.public-base-url} without a trailing slash, or null when not set. */
    private static String publicBaseUrl(HeraldProperties properties) {
        String url = properties.publicBaseUrl();
        if (url == null || url.isBlank()) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The webhook provider's port over the JDBC table, so a 410 survives restarts. */
    private record StoredDisabledEndpoints(JdbcDisabledEndpoints table) implements DisabledEndpoints {
        @Override
        public Optional<Disabled> find(String url) {
            return table.find(url).map(e -> new Disabled(e.reason(), e.at()));
        }

        @Override
        public void disable(String url, String reason, Instant at) {
            table.disable(url, reason, at);
        }

        @Override
        public void enable(String url) {
            table.enable(url);
        }
    }
}
