package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.model.FailureKind;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violations;
import dev.herald.providers.chain.ProviderGuards;
import dev.herald.providers.fcm.FcmPushProvider;
import dev.herald.providers.push.KeySource;
import dev.herald.providers.push.UnreadableKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds a tenant's own provider from the settings it gave, through the same code as start-up: the settings are
 * bound onto the kind's {@code herald.providers.<kind>} record by Spring's binder (defaults, durations, nested
 * {@code http} and {@code guards}) and handed to the kind's {@link ProviderFactory}; the send must fit half the
 * lease, as {@link LongestSendRule} demands of configured providers. Every mistake is a violation naming
 * {@code settings.<key>} and the rule. Hosts a tenant names must not resolve to internal addresses (loopback,
 * private, link-local, metadata) unless {@code herald.integrations.allow-internal-addresses}.
 *
 * <p>FCM and APNs take their key as text (a credential, sealed like the others) instead of the file the
 * installation names: a tenant may not name a file on the server's disk ({@code not-allowed}). The FCM key's own
 * {@code token_uri}, which Google's auth library calls, passes the same public-host rule as the URL settings.
 * Slack and webhooks have no account of the tenant's to carry, so they are not offered.
 */
public final class IntegrationProviders {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationProviders.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_SETTINGS = 50;

    /**
     * What differs per kind: its settings record, which keys are credentials, which must be given, which are hosts,
     * which a tenant may never set (files on the server's disk) and which only where internal addresses are allowed
     * (trusting a test peer's certificate).
     */
    private record Kind(Class<? extends ProviderSettings> settings, Set<String> secrets, List<String> required,
                        Map<String, Target> targets, Set<String> notAllowed, Set<String> testOnly) {
        Kind(Class<? extends ProviderSettings> settings, Set<String> secrets, List<String> required,
             Map<String, Target> targets) {
            this(settings, secrets, required, targets, Set.of(), Set.of());
        }
    }

    private enum Target { HOST, URL }

    private static final Map<String, Kind> KINDS = Map.of(
            "smtp", new Kind(ProvidersProperties.Smtp.class, Set.of("password"), List.of("host"),
                    Map.of("host", Target.HOST)),
            "twilio", new Kind(ProvidersProperties.Twilio.class, Set.of("auth-token"),
                    List.of("account-sid", "auth-token"), Map.of("base-url", Target.URL)),
            "http-sms", new Kind(ProvidersProperties.HttpSms.class, Set.of("auth-header-value"), List.of("url"),
                    Map.of("url", Target.URL)),
            "kakao", new Kind(ProvidersProperties.Kakao.class, Set.of("app-key", "secret-key"),
                    List.of("app-key", "secret-key", "sender-key"), Map.of("base-url", Target.URL)),
            "fcm", new Kind(ProvidersProperties.Fcm.class, Set.of("service-account-json"),
                    List.of("service-account-json"), Map.of("base-url", Target.URL, "token-uri", Target.URL),
                    Set.of("service-account-file"), Set.of()),
            "apns", new Kind(ProvidersProperties.Apns.class, Set.of("signing-key"),
                    List.of("signing-key", "topic", "team-id", "key-id"), Map.of("host", Target.HOST),
                    Set.of("signing-key-file", "trusted-server-certificates"),
                    Set.of("trusted-server-certificates-pem")));

    /**
     * A provider built from a tenant's settings, with its guards (breaker and rate limit). Close it when it is no
     * longer used: an APNs provider holds HTTP/2 connections and threads.
     */
    public record Built(ChannelProvider provider, ProviderGuards guards) implements AutoCloseable {
        @Override
        public void close() {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Best effort, as at shutdown: what is left dies with the process.
                    LOG.warn("integration {} did not close cleanly: {}", provider.name(), FailureKind.of(e));
                }
            }
        }
    }

    /** A tenant's settings split into what may be shown and stored in the clear, and the credentials. */
    public record Split(Map<String, Object> open, Map<String, String> secrets) {
    }

    private final Map<String, ProviderFactory<?>> factories = new LinkedHashMap<>();
    private final LongestSendRule longestSend;
    private final PublicHosts hosts;
    private final boolean allowInternalAddresses;

    /**
     * @param all                    every provider factory (those of kinds a tenant may not bring are left out)
     * @param workerLease            {@code herald.worker.lease}: one send must fit in half of it
     * @param allowInternalAddresses let hosts resolve to loopback or private addresses (test peers)
     */
    public IntegrationProviders(List<ProviderFactory<?>> all, Duration workerLease, boolean allowInternalAddresses) {
        for (ProviderFactory<?> factory : all) {
            if (KINDS.containsKey(factory.kind())) {
                // Twilio posts receipts to a URL the installation's accounts sign; a tenant's account would be refused.
                factories.put(factory.kind(), factory instanceof TwilioProviderFactory twilio
                        ? twilio.withoutReceipts() : factory);
            }
        }
        this.longestSend = new LongestSendRule(workerLease);
        this.hosts = new PublicHosts(allowInternalAddresses);
        this.allowInternalAddresses = allowInternalAddresses;
    }

    /** The kinds a tenant may bring. */
    public Set<String> kinds() {
        return new TreeSet<>(factories.keySet());
    }

    /** Checks an integration's name: it is recorded on every delivery it carries, like a provider's. */
    public static void checkName(Violations v, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            v.add("name", "format", "must be 1..64 letters, digits and . _ -");
        } else if (BuiltProviders.RESERVED.contains(name)) {
            v.add("name", "reserved", "sandbox and inbox are Herald's own provider names");
        }
    }

    /** Whether the kind is one a tenant may bring; adds a violation naming the kinds when not. */
    public boolean checkKind(Violations v, String kind) {
        if (!v.required("kind", kind)) {
            return false;
        }
        if (!factories.containsKey(kind)) {
            v.add("kind", "unknown-value", "must be one of " + kinds());
            return false;
        }
        return true;
    }

    /**
     * Splits settings as a caller gave them (camelCase or kebab-case keys) into the clear ones and the credentials,
     * keys in kebab-case. A credential must be a string.
     */
    public Split split(Violations v, String kind, Map<String, Object> settings) {
        Kind k = KINDS.get(kind);
        Map<String, Object> open = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        if (settings == null) {
            return new Split(open, secrets);
        }
        if (settings.size() > MAX_SETTINGS) {
            v.add("settings", "max-items", "must have at most " + MAX_SETTINGS + " settings");
            return new Split(open, secrets);
        }
        settings.forEach((key, value) -> {
            String kebab = SettingsProperties.kebab(key);
            if (k.secrets().contains(kebab)) {
                if (value != null && !(value instanceof String)) {
                    v.add("settings." + kebab, "type", "must be a string");
                } else if (value != null) {
                    secrets.put(kebab, (String) value);
                }
            } else {
                open.put(kebab, value);
            }
        });
        return new Split(open, secrets);
    }

    /** The credential keys of a kind, in kebab-case. */
    public static Set<String> secretKeys(String kind) {
        Kind k = KINDS.get(kind);
        return k == null ? Set.of() : k.secrets();
    }

    /**
     * Builds the provider; throws {@link InvalidRequestException} naming each bad setting. Nothing is stored here:
     * the caller stores only what passed.
     */
    public Built build(String name, String kind, Map<String, Object> open, Map<String, String> secrets) {
        Violations v = new Violations();
        if (!checkKind(v, kind)) {
            v.throwIfAny();
        }
        Kind k = KINDS.get(kind);
        for (String key : open.keySet().stream().map(SettingsProperties::kebab).toList()) {
            if (k.notAllowed().contains(key)) {
                v.add("settings." + key, "not-allowed", "names a file on the server's disk; give the key itself in "
                        + String.join(" or ", new TreeSet<>(k.secrets())));
            } else if (k.testOnly().contains(key) && !allowInternalAddresses) {
                // Trusting a certificate of the tenant's choice is for test peers, like internal addresses.
                v.add("settings." + key, "not-allowed", "is only accepted where herald.integrations"
                        + ".allow-internal-addresses is set (test peers)");
            }
        }
        v.throwIfAny();
        Map<String, Object> flat = new LinkedHashMap<>();
        SettingsProperties.flatten(v, "settings", "s", k.settings(), open, flat);
        secrets.forEach((key, value) -> flat.put("s." + key, value));
        v.throwIfAny();

        ProviderSettings bound;
        try {
            bound = new Binder(new MapConfigurationPropertySource(flat))
                    .bindOrCreate("s", Bindable.of(k.settings()));
        } catch (BindException e) {
            String property = e.getProperty() == null ? "s" : e.getProperty().getName().toString();
            v.add("settings" + (property.length() > 1 ? property.substring(1) : ""), "type",
                    "has the wrong type or format (durations like 10s, numbers, true/false)");
            v.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
        for (String key : k.required()) {
            Object value = flat.get("s." + key);
            if (value == null || value.toString().isBlank()) {
                v.add("settings." + key, "required", "is required for kind " + kind);
            }
        }
        k.targets().forEach((key, target) -> hosts.check(v, key, target == Target.URL, flat.get("s." + key)));
        v.throwIfAny();

        ChannelProvider provider;
        try {
            provider = create(factories.get(kind), name, bound);
        } catch (UnreadableKey e) {
            // Its message names the setting and the failure's type, never the key's text.
            v.add(e.source() instanceof KeySource.Inline inline ? "settings." + inline.setting() : "settings",
                    "invalid", e.getMessage());
            v.throwIfAny();
            throw new IllegalStateException("unreachable");
        } catch (RuntimeException e) {
            // A factory's message names a setting, never its value; one that quotes a URL might carry a token.
            String why = e.getMessage() == null || e.getMessage().contains("://") || mentionsAny(e.getMessage(), secrets)
                    ? e.getClass().getSimpleName() : e.getMessage();
            v.add("settings", "invalid", "cannot build a " + kind + " provider from these settings: " + why);
            v.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
        try {
            return checked(v, flat, provider, bound, kind);
        } catch (InvalidRequestException e) {
            new Built(provider, null).close(); // an APNs client holds connections and threads
            throw e;
        }
    }

    private Built checked(Violations v, Map<String, Object> flat, ChannelProvider provider, ProviderSettings bound,
                          String kind) {
        if (provider instanceof FcmPushProvider fcm && flat.get("s.token-uri") == null) {
            // Google's auth library posts to the key's token_uri: a tenant's key must not lead inside either.
            hosts.check(v, "service-account-json", "its token_uri", true, fcm.tokenEndpoint().toString());
            v.throwIfAny();
        }
        ProvidersProperties.Guards g = bound.guards();
        ProviderGuards guards = new ProviderGuards(g.window(), g.minimumCalls(), g.failureRatePercent(),
                g.openFor(), g.trialCalls(), g.ratePerSecond(), g.rateMaxWait());
        Duration longest = guards.longestWaitForPermit().plus(provider.longestSend());
        if (longest.compareTo(longestSend.chainBudget()) > 0) {
            v.add("settings." + factories.get(kind).sendTimeoutKey(), "too-long", "one send may take up to "
                    + longest.toMillis() + " ms (rate-max-wait included), more than half of the installation's "
                    + "worker lease (" + longestSend.chainBudget().toMillis() + " ms)");
            v.throwIfAny();
        }
        return new Built(provider, guards);
    }

    @SuppressWarnings("unchecked")
    private static <S extends ProviderSettings> ChannelProvider create(ProviderFactory<S> factory, String name,
                                                                       ProviderSettings settings) {
        return factory.create(name, (S) settings);
    }


    private static boolean mentionsAny(String message, Map<String, String> secrets) {
        return secrets.values().stream().anyMatch(s -> !s.isEmpty() && message.contains(s));
    }
}
