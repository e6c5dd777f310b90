package dev.herald.server.config;

import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.server.limits.BucketRateLimiter;
import dev.herald.core.templates.TemplateContent;
import dev.herald.core.templates.TemplateEngine;
import dev.herald.server.templates.CachedTemplates;
import dev.herald.server.templates.MustacheEngine;
import dev.herald.server.types.CachedTypeCatalog;
import dev.herald.server.types.SeedTypesBootstrap;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.routing.FixedAddresses;
import dev.herald.core.tenancy.UserTokens;
import dev.herald.server.inbox.InboxStreams;

import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.dispatch.DeliverySender;
import dev.herald.core.dispatch.DispatchSettings;
import dev.herald.core.dispatch.Dispatchers;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.dispatch.OutcomeRules;
import dev.herald.core.dispatch.OutcomeWriter;
import dev.herald.core.dispatch.RetryPolicies;
import dev.herald.core.dispatch.RetryPolicy;
import dev.herald.core.model.Channel;
import dev.herald.core.intake.Intake;
import dev.herald.core.intake.IntakeLimits;
import dev.herald.core.intake.RequestRules;
import dev.herald.core.model.Priority;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.RecipientResolver;
import dev.herald.core.recipients.UserRules;
import dev.herald.core.rendering.LiteralContent;
import dev.herald.core.routing.DeliveryPlanner;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tracking.CompletionWaiter;
import dev.herald.jdbc.JdbcStores;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Wires the plain-Java pipeline of herald-core: the only place where its pieces meet. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdGenerator idGenerator(Clock clock) {
        return new IdGenerator(clock);
    }

    @Bean
    AddressRules addressRules() {
        return new AddressRules();
    }

    @Bean
    UserRules userRules(AddressRules addressRules) {
        return new UserRules(addressRules);
    }

    @Bean
    IntakeLimits intakeLimits(HeraldProperties properties) {
        HeraldProperties.Limits l = properties.limits();
        return new IntakeLimits(l.maxRecipients(), l.maxTitleLength(), l.maxBodyLength(), l.maxHtmlLength(),
                l.maxBatchSize(), l.maxDataLength());
    }

    @Bean
    LaneSignals laneSignals() {
        return new LaneSignals();
    }

    @Bean
    Intake intake(IntakeLimits limits, AddressRules addressRules, JdbcStores stores, LaneSignals signals,
                  FixedAddresses fixedAddresses, IdGenerator ids, Clock clock, HeraldProperties properties,
                  CachedTypeCatalog types, TemplateContent templateContent,
                  dev.herald.core.preferences.PreferenceStore preferences) {
        return new Intake(new RequestRules(limits, addressRules),
                new RecipientResolver(stores.users(), stores.devices(), preferences),
                new DeliveryPlanner(ids, new LiteralContent(), fixedAddresses, digestRules(properties),
                        properties.expiry().byType()),
                stores.notifications(), signals, ids,
                clock, properties.idempotency().ttl(), types, templateContent);
    }

    @Bean
    CompletionWaiter completionWaiter(JdbcStores stores, Clock clock) {
        return new CompletionWaiter(stores.notifications(), clock, CompletionWaiter.SAFETY_POLL);
    }

    @Bean
    ApiKeys apiKeys(JdbcStores stores, IdGenerator ids, Clock clock) {
        return new ApiKeys(stores.apiKeys(), ids, clock);
    }

    @Bean
    dev.herald.core.types.TypeStore typeStore(JdbcStores stores) {
        return stores.types();
    }

    @Bean
    dev.herald.core.types.TypeRules typeRules(AddressRules addressRules) {
        return new dev.herald.core.types.TypeRules(addressRules);
    }

    @Bean
    CachedTypeCatalog typeCatalog(JdbcStores stores) {
        return new CachedTypeCatalog(stores.types());
    }

    @Bean
    dev.herald.server.types.CachedPreferences preferenceStore(JdbcStores stores) {
        return new dev.herald.server.types.CachedPreferences(stores.preferences());
    }

    @Bean
    CachedTemplates templateStore(JdbcStores stores) {
        return new CachedTemplates(stores.templates());
    }

    @Bean
    TemplateEngine templateEngine() {
        return new MustacheEngine();
    }

    @Bean
    TemplateContent templateContent(CachedTemplates templates, TemplateEngine engine) {
        return new TemplateContent(templates, engine);
    }

    @Bean(initMethod = "run")
    SeedTypesBootstrap seedTypes(JdbcStores stores, CachedTemplates templates, Clock clock) {
        return new SeedTypesBootstrap(stores.types(), templates, clock);
    }

    @Bean
    RateLimiter rateLimiter(Clock clock) {
        return new BucketRateLimiter(clock, 1_000_000);
    }

    /** Per-user channel budgets from herald.limits.per-user; a bad entry stops start-up naming it. */
    @Bean
    UserChannelLimits userChannelLimits(HeraldProperties properties, RateLimiter limiter) {
        Map<Channel, UserChannelLimits.Rule> rules = new EnumMap<>(Channel.class);
        properties.limits().perUser().forEach((name, rate) -> {
            String key = "herald.limits.per-user." + name;
            Channel channel = Channel.parse(name).orElseThrow(() -> new StartupProblem(key + " names no channel",
                    "use one of " + Channel.allKeys()));
            UserChannelLimits.Policy policy = policy(key + ".policy", rate.policy());
            Map<String, UserChannelLimits.Policy> byType = new java.util.HashMap<>();
            rate.policyByType().forEach((type, p) -> byType.put(type, policy(key + ".policy-by-type." + type, p)));
            try {
                rules.put(channel, new UserChannelLimits.Rule(new Limit(rate.max(), rate.per()), policy, byType));
            } catch (IllegalArgumentException e) {
                throw new StartupProblem(key + " is not usable: " + e.getMessage(), "set max >= 1 and a positive per");
            }
        });
        return new UserChannelLimits(rules, limiter);
    }

    private static UserChannelLimits.Policy policy(String key, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "defer" -> UserChannelLimits.Policy.DEFER;
            case "drop" -> UserChannelLimits.Policy.DROP;
            default -> throw new StartupProblem(key + " '" + value + "' is not a policy",
                    "use defer (wait for the budget) or drop (SUPPRESSED)");
        };
    }

    @Bean(destroyMethod = "close")
    InboxStreams inboxStreams(HeraldProperties properties) {
        HeraldProperties.Inbox inbox = properties.inbox();
        return new InboxStreams(inbox.streamTimeout(), inbox.heartbeat(), inbox.maxStreamsPerUser(),
                inbox.maxStreams());
    }

    @Bean
    Inbox inbox(JdbcStores stores, InboxStreams streams, Clock clock) {
        return new Inbox(stores.inbox(), stores.notifications(), streams, clock);
    }

    @Bean
    UserTokens userTokens(JdbcStores stores, Clock clock) {
        return new UserTokens(stores.secrets(), stores.users(), clock);
    }

    @Bean
    dev.herald.core.deadletter.DeadLetters deadLetters(JdbcStores stores) {
        return stores.deadLetters();
    }

    @Bean
    DeviceRegistry deviceRegistry(JdbcStores stores) {
        return stores.devices();
    }

    @Bean
    OutcomeWriter outcomeWriter(JdbcStores stores, CompletionWaiter waiter, HeraldProperties properties) {
        return new OutcomeWriter(stores.queue(), List.of(waiter), properties.worker().outcomeBatchSize());
    }

    @Bean
    Dispatchers dispatchers(JdbcStores stores, ChannelProviders providers, OutcomeWriter writer, LaneSignals signals,
                            DeadAddresses deadAddresses, UserChannelLimits userLimits,
                            CachedTypeCatalog types, dev.herald.core.preferences.PreferenceStore preferences,
                            HeraldProperties properties, Clock clock) {
        ContentDedup dedup = new ContentDedup(stores.dedup(), properties.dedup().window(),
                properties.dedup().windowByType(), types);
        DeliverySender sender = new DeliverySender(providers, new OutcomeRules(retryPolicies(properties.retry()),
                RandomGenerator.getDefault()),
                writer, clock, deadAddresses, userLimits, dedup,
                (tenant, userId, channel) -> preferences.find(tenant, userId)
                        .map(p -> p.optedOut().contains(channel)).orElse(false));
        HeraldProperties.Worker w = properties.worker();
        Map<Priority, Integer> concurrency = new EnumMap<>(Priority.class);
        concurrency.put(Priority.CRITICAL, w.criticalConcurrency());
        concurrency.put(Priority.HIGH, w.highConcurrency());
        concurrency.put(Priority.NORMAL, w.normalConcurrency());
        concurrency.put(Priority.LOW, w.lowConcurrency());
        // The worker id names the lease holder in the database: host-pid is enough to find the process.
        String workerId = ManagementFactory.getRuntimeMXBean().getName();
        return new Dispatchers(stores.queue(), sender, writer, signals,
                new DispatchSettings(w.batchSize(), w.lease(), w.minPoll(), w.maxPoll(), concurrency, workerId), clock);
    }

    /** The default policy, and each configured channel's policy over it; a bad one stops start-up naming it. */
    static RetryPolicies retryPolicies(HeraldProperties.Retry r) {
        RetryPolicy defaults = policy("herald.retry", r.maxAttempts(), r.initialBackoff(), r.multiplier(),
                r.maxBackoff(), r.jitter());
        Map<Channel, RetryPolicy> perChannel = new EnumMap<>(Channel.class);
        r.channels().forEach((name, c) -> {
            Channel channel = Channel.parse(name).orElseThrow(() -> new StartupProblem(
                    "herald.retry.channels." + name + " names no channel",
                    "use one of " + Channel.allKeys()));
            perChannel.put(channel, policy("herald.retry.channels." + name,
                    c.maxAttempts() != null ? c.maxAttempts() : r.maxAttempts(),
                    c.initialBackoff() != null ? c.initialBackoff() : r.initialBackoff(),
                    c.multiplier() != null ? c.multiplier() : r.multiplier(),
                    c.maxBackoff() != null ? c.maxBackoff() : r.maxBackoff(),
                    c.jitter() != null ? c.jitter() : r.jitter()));
        });
        return new RetryPolicies(defaults, perChannel);
    }

    private static RetryPolicy policy(String key, int maxAttempts, java.time.Duration initial, double multiplier,
                                      java.time.Duration max, double jitter) {
        try {
            return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(key + " is not a usable retry policy: " + e.getMessage(),
                    "fix " + key + ".* (max-attempts >= 1, multiplier >= 1, jitter within 0..1)");
        }
    }

    @Bean
    Housekeeping housekeeping(JdbcStores stores, Clock clock, HeraldProperties properties, IdGenerator ids,
                              LaneSignals signals) {
        return new Housekeeping(stores, clock, properties.worker().enabled(), ids, signals,
                properties.digest().checkEvery());
    }

    private static dev.herald.core.digest.DigestRules digestRules(HeraldProperties properties) {
        try {
            return new dev.herald.core.digest.DigestRules(properties.digest().types());
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("herald.digest.types is not usable: " + e.getMessage(),
                    "give each digested type a positive window, e.g. \"[social.like]\": 1h");
        }
    }

    @Bean
    dev.herald.core.dedup.DedupGuard dedupGuard(JdbcStores stores) {
        return stores.dedup();
    }

    @Bean
    DispatchLifecycle dispatchLifecycle(Dispatchers dispatchers, HeraldProperties properties) {
        return new DispatchLifecycle(dispatchers, properties.worker());
    }
}
