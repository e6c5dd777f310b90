package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.model.Channel;
import dev.herald.core.model.FailureKind;
import dev.herald.core.recipients.PushAddress;
import dev.herald.core.routing.FixedAddresses;
import dev.herald.jdbc.JdbcStores;
import dev.herald.providers.apns.ApnsPushProvider;
import dev.herald.providers.apns.ApnsSettings;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.FallbackChannel;
import dev.herald.providers.chain.ProviderGuards;
import dev.herald.providers.chain.Sleeper;
import dev.herald.providers.fcm.FcmPushProvider;
import dev.herald.providers.fcm.FcmSettings;
import dev.herald.providers.http.HttpSettings;
import dev.herald.providers.httpsms.HttpSmsGatewayProvider;
import dev.herald.providers.httpsms.HttpSmsGatewaySettings;
import dev.herald.providers.inbox.InboxProvider;
import dev.herald.providers.kakao.KakaoAlimTalkProvider;
import dev.herald.providers.kakao.KakaoAlimTalkSettings;
import dev.herald.providers.sandbox.SandboxProvider;
import dev.herald.providers.slack.SlackWebhookProvider;
import dev.herald.providers.slack.SlackWebhookSettings;
import dev.herald.providers.smtp.SmtpEmailProvider;
import dev.herald.providers.smtp.SmtpSettings;
import dev.herald.providers.twilio.TwilioSettings;
import dev.herald.providers.twilio.TwilioSignature;
import dev.herald.providers.twilio.TwilioSmsProvider;
import dev.herald.providers.webhook.WebhookProvider;
import dev.herald.providers.webhook.WebhookSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds every configured provider and, per channel, the chain that carries it. A configuration mistake (a missing
 * credential, an unknown provider name in a channel's list) stops start-up with a message naming the key to fix.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {
    private static final System.Logger LOG = System.getLogger(ProviderConfiguration.class.getName());

    /** Every provider built from configuration, by name, plus what the chains need to know about each. */
    record BuiltProviders(Map<String, ChannelProvider> byName, Map<String, ProviderGuards> guards,
                          TwilioCallbacks twilioCallbacks) implements AutoCloseable {

        /** Providers holding connections of their own (APNs keeps an HTTP/2 connection open) release them. */
        @Override
        public void close() {
            for (ChannelProvider provider : byName.values()) {
                if (provider instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // Shutting down: one provider failing to close must not keep the others open.
                        LOG.log(System.Logger.Level.WARNING, "provider {0} did not close cleanly: {1}",
                                provider.name(), FailureKind.of(e));
                    }
                }
            }
        }
    }

    @Bean(destroyMethod = "close")
    BuiltProviders builtProviders(HeraldProperties properties, JdbcStores stores, Clock clock) {
        ProvidersProperties p = properties.providers();
        Map<String, ChannelProvider> byName = new LinkedHashMap<>();
        Map<String, ProviderGuards> guards = new LinkedHashMap<>();
        Map<String, TwilioCallbacks.Account> twilioAccounts = new LinkedHashMap<>();
        LongestSendRule longestSend = new LongestSendRule(properties.worker().lease());
        longestSend.checkSandbox(p.sandbox().latency());
        String callbackUrl = properties.publicBaseUrl() == null || properties.publicBaseUrl().isBlank() ? null
                : stripSlash(properties.publicBaseUrl()) + TwilioCallbacks.PATH;

        build("smtp", p.smtp(), longestSend, byName, guards,
                ProvidersProperties.Smtp::name, ProvidersProperties.Smtp::guards,
                (s, name) -> {
                    require(s.host(), "herald.providers.smtp[" + name + "].host");
                    return new SmtpEmailProvider(name, new SmtpSettings(s.host(), s.port(), s.username(),
                            s.password(), s.from(), s.startTls(), s.connectTimeout(), s.readTimeout(),
                            s.sendTimeout()));
                });
        build("twilio", p.twilio(), longestSend, byName, guards, ProvidersProperties.Twilio::name,
                ProvidersProperties.Twilio::guards, (s, name) -> {
                    TwilioSettings settings = new TwilioSettings(name, s.baseUrl(), s.accountSid(), s.authToken(),
                            s.fromNumber(), s.messagingServiceSid(),
                            callbackUrl == null ? null : stripSlash(properties.publicBaseUrl()), http(s.http()));
                    if (callbackUrl != null) {
                        twilioAccounts.put(name, new TwilioCallbacks.Account(new TwilioSignature(s.authToken()),
                                callbackUrl));
                    }
                    return new TwilioSmsProvider(settings, clock);
                });
        build("http-sms", p.httpSms(), longestSend, byName, guards, ProvidersProperties.HttpSms::name,
                ProvidersProperties.HttpSms::guards, (s, name) -> new HttpSmsGatewayProvider(
                        new HttpSmsGatewaySettings(name, s.url() == null ? null : URI.create(s.url()),
                                s.authHeaderName(), s.authHeaderValue(), s.bodyTemplate(), s.from(),
                                s.messageIdPointer(), http(s.http())), clock));
        build("kakao", p.kakao(), longestSend, byName, guards,
                ProvidersProperties.Kakao::name, ProvidersProperties.Kakao::guards,
                (s, name) -> new KakaoAlimTalkProvider(new KakaoAlimTalkSettings(name, s.baseUrl(), s.appKey(),
                        s.secretKey(), s.senderKey(), s.templateCodes(), http(s.http())), clock));
        build("fcm", p.fcm(), longestSend, byName, guards,
                ProvidersProperties.Fcm::name, ProvidersProperties.Fcm::guards,
                (s, name) -> new FcmPushProvider(new FcmSettings(name, s.baseUrl(), s.projectId(),
                        s.serviceAccountFile(), s.tokenUri(), http(s.http())), clock));
        build("apns", p.apns(), longestSend, byName, guards,
                ProvidersProperties.Apns::name, ProvidersProperties.Apns::guards,
                (s, name) -> new ApnsPushProvider(new ApnsSettings(name, s.host(), s.port(), s.topic(),
                        s.signingKeyFile(), s.teamId(), s.keyId(), s.trustedServerCertificates(), http(s.http())),
                        clock));
        build("slack", p.slack(), longestSend, byName, guards,
                ProvidersProperties.Slack::name, ProvidersProperties.Slack::guards,
                (s, name) -> new SlackWebhookProvider(new SlackWebhookSettings(name,
                        s.allowedHosts() == null ? SlackWebhookSettings.SLACK_HOSTS : s.allowedHosts(),
                        s.allowHttp(), s.allowInternalAddresses(), http(s.http())), clock));
        DisabledEndpoints disabled = stores.disabledEndpoints();
        build("webhook", p.webhook(), longestSend, byName, guards, ProvidersProperties.Webhook::name,
                ProvidersProperties.Webhook::guards, (s, name) -> new WebhookProvider(new WebhookSettings(name,
                        s.url(), s.secret(), s.inlineSecret(), http(s.http()), s.allowInlineUrls(),
                        s.allowedHosts() == null ? List.of() : s.allowedHosts(), s.allowHttp(),
                        s.allowInternalAddresses()), disabled, clock));
        return new BuiltProviders(byName, guards, new TwilioCallbacks(Map.copyOf(twilioAccounts)));
    }

    @Bean
    TwilioCallbacks twilioCallbacks(BuiltProviders built) {
        return built.twilioCallbacks();
    }

    @Bean
    ChannelProviders channelProviders(BuiltProviders built, HeraldProperties properties, JdbcStores stores,
                                      Inbox inbox, IdGenerator ids, Clock clock) {
        ChannelsProperties routes = properties.channels();
        Map<String, ChannelProvider> available = new LinkedHashMap<>(built.byName());
        available.put("inbox", new InboxProvider(inbox, ids, clock));
        Map<Channel, FailoverChain> chains = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            List<ChannelProvider> members = new ArrayList<>();
            List<String> wanted = routes.providers(channel);
            if (new java.util.HashSet<>(wanted).size() < wanted.size()) {
                throw new StartupProblem("herald.channels." + channel.key() + ".providers lists a provider twice",
                        "list each provider once per channel");
            }
            for (String name : wanted) {
                ChannelProvider provider = name.equals("sandbox") ? sandbox(channel, properties, stores, ids, clock)
                        : available.get(name);
                if (provider == null) {
                    throw new StartupProblem("herald.channels." + channel.key() + ".providers names '" + name
                            + "', but no provider has that name",
                            "use one of " + available.keySet() + " or sandbox, or configure a provider named '"
                                    + name + "' under herald.providers");
                }
                if (provider.channel() != channel) {
                    throw new StartupProblem("herald.channels." + channel.key() + ".providers names '" + name
                            + "', which carries " + provider.channel() + ", not " + channel,
                            "list only " + channel + " providers for this channel");
                }
                members.add(provider);
            }
            if (members.isEmpty()) {
                members.addAll(available.values().stream().filter(pr -> pr.channel() == channel).toList());
            }
            if (members.isEmpty()) {
                members.add(sandbox(channel, properties, stores, ids, clock));
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

    /** A push token the push service declared dead is forgotten, so no further deliveries are planned to it. */
    @Bean
    DeadAddresses deadAddresses(JdbcStores stores) {
        return (tenant, message, reason) -> {
            if (message.channel().traits().address().perDevice()) {
                PushAddress.parse(message.address()).ifPresent(a -> stores.devices().forget(tenant, a.token()));
            }
        };
    }

    /** Types whose Slack message goes to one channel (e.g. operations) rather than to each recipient. */
    @Bean
    FixedAddresses fixedAddresses(HeraldProperties properties) {
        Map<String, String> slackByType = Map.copyOf(properties.channels().slack().webhooksByType());
        return (type, channel) -> channel == Channel.SLACK ? Optional.ofNullable(slackByType.get(type))
                : Optional.empty();
    }

    private static SandboxProvider sandbox(Channel channel, HeraldProperties properties, JdbcStores stores,
                                           IdGenerator ids, Clock clock) {
        return new SandboxProvider(channel, stores.sandbox(), ids, clock, properties.providers().sandbox().latency());
    }

    private static <T> void build(String kind, List<T> entries, LongestSendRule longestSend,
                                  Map<String, ChannelProvider> byName,
                                  Map<String, ProviderGuards> guards, Function<T, String> nameOf,
                                  Function<T, ProvidersProperties.Guards> guardsOf,
                                  java.util.function.BiFunction<T, String, ChannelProvider> factory) {
        for (int i = 0; i < entries.size(); i++) {
            T entry = entries.get(i);
            String name = nameOf.apply(entry) == null || nameOf.apply(entry).isBlank()
                    ? (entries.size() == 1 ? kind : kind + "-" + (i + 1)) : nameOf.apply(entry);
            String key = "herald.providers." + kind + "[" + i + "]";
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new StartupProblem(key + ".name '" + name + "' is not a usable provider name",
                        "use 1..64 letters, digits and . _ - (the name is recorded on every delivery)");
            }
            if (byName.containsKey(name) || name.equals("sandbox") || name.equals("inbox")) {
                throw new StartupProblem(key + ".name '" + name + "' is already taken",
                        "give every provider a unique name (sandbox and inbox are reserved)");
            }
            ChannelProvider provider;
            try {
                provider = factory.apply(entry, name);
            } catch (StartupProblem e) {
                throw e;
            } catch (RuntimeException e) {
                // URL parse errors repeat the whole URL, which may carry a key: name the kind of problem only.
                String why = e.getMessage() == null || e.getMessage().contains("://")
                        ? e.getClass().getSimpleName() + " (check the URL settings)" : e.getMessage();
                throw new StartupProblem(key + " (" + name + ") is not usable: " + why,
                        "fix the " + key + ".* settings; see the provider samples in README.md");
            }
            ProvidersProperties.Guards g = guardsOf.apply(entry);
            ProviderGuards guarded = new ProviderGuards(g.window(), g.minimumCalls(), g.failureRatePercent(),
                    g.openFor(), g.trialCalls(), g.ratePerSecond(), g.rateMaxWait());
            longestSend.check(kind, key, provider, guarded);
            byName.put(name, provider);
            guards.put(name, guarded);
        }
    }

    private static HttpSettings http(ProvidersProperties.Http http) {
        return new HttpSettings(http.connectTimeout(), http.requestTimeout());
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
