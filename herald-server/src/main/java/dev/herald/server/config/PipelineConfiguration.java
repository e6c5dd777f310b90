package dev.herald.server.config;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.digest.DigestRules;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.inbox.InboxFanOut;
import dev.herald.core.inbox.InboxStore;
import dev.herald.core.intake.EventIntake;
import dev.herald.core.intake.BulkIntakeGate;
import dev.herald.core.intake.Intake;
import dev.herald.core.intake.IntakeLimits;
import dev.herald.core.intake.RequestRules;
import dev.herald.core.model.Channel;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.recipients.RecipientResolver;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.recipients.UserRules;
import dev.herald.core.rendering.LiteralContent;
import dev.herald.core.routing.DeliveryPlanner;
import dev.herald.core.suppression.ProviderFeedback;
import dev.herald.core.suppression.SuppressionCheck;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.routing.FixedAddresses;
import dev.herald.core.routing.FixedAddressesByType;
import dev.herald.core.templates.TemplateContent;
import dev.herald.core.templates.TemplateEngine;
import dev.herald.core.templates.TemplateStore;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.core.tenancy.TokenGenerations;
import dev.herald.core.tenancy.UserTokens;
import dev.herald.core.tracking.CompletionWaiter;
import dev.herald.core.types.TypeRules;
import dev.herald.core.types.TypeStore;
import dev.herald.server.inbox.InboxStreams;
import dev.herald.server.templates.CachedTemplates;
import dev.herald.server.templates.MustacheEngine;
import dev.herald.server.types.CachedPreferences;
import dev.herald.server.types.CachedTypeCatalog;
import dev.herald.server.types.SeedTypesBootstrap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Wires the intake side of herald-core's plain-Java pipeline (and what the API reads): one bean per piece, each
 * built from the ports it uses. The dispatch side is {@link DispatchConfiguration}, stores {@link StoreConfiguration}.
 */
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
    RequestRules requestRules(IntakeLimits limits, AddressRules addressRules) {
        return new RequestRules(limits, addressRules);
    }

    @Bean
    RecipientResolver recipientResolver(UserDirectory users, DeviceRegistry devices, PreferenceStore preferences) {
        return new RecipientResolver(users, devices, preferences);
    }

    /** Types whose Slack message goes to one channel (e.g. operations) rather than to each recipient. */
    @Bean
    FixedAddresses fixedAddresses(HeraldProperties properties) {
        return new FixedAddressesByType(Channel.SLACK, properties.channels().slack().webhooksByType());
    }

    @Bean
    DeliveryPlanner deliveryPlanner(IdGenerator ids, FixedAddresses fixedAddresses, HeraldProperties properties) {
        return new DeliveryPlanner(ids, new LiteralContent(), fixedAddresses, digestRules(properties),
                properties.expiry().byType());
    }

    /** Shared by intake (bulk batches wait) and the broadcast runner (rests between chunks) while alerts arrive. */
    @Bean
    BulkIntakeGate bulkIntakeGate(Clock clock, HeraldProperties properties) {
        return new BulkIntakeGate(clock, properties.worker().yieldLinger(), properties.worker().yieldBatches());
    }

    @Bean
    Intake intake(RequestRules rules, RecipientResolver recipients, DeliveryPlanner planner,
                  NotificationStore notifications, LaneSignals signals, IdGenerator ids, Clock clock,
                  HeraldProperties properties, CachedTypeCatalog types, TemplateContent templateContent,
                  BulkIntakeGate gate, SuppressionList suppressions) {
        return new Intake(rules, recipients, planner, notifications, signals, ids, clock,
                properties.idempotency().ttl(), types, templateContent, gate, new SuppressionCheck(suppressions));
    }

    @Bean
    ProviderFeedback providerFeedback(NotificationStore notifications, SuppressionList suppressions) {
        return new ProviderFeedback(notifications, suppressions);
    }

    @Bean
    EventIntake eventIntake(Intake intake, CachedTypeCatalog types) {
        return new EventIntake(intake, types);
    }

    @Bean
    CompletionWaiter completionWaiter(NotificationStore notifications, Clock clock) {
        return new CompletionWaiter(notifications, clock, CompletionWaiter.SAFETY_POLL);
    }

    @Bean
    ApiKeys apiKeys(ApiKeyStore store, IdGenerator ids, Clock clock) {
        return new ApiKeys(store, ids, clock);
    }

    @Bean
    TypeRules typeRules(AddressRules addressRules) {
        return new TypeRules(addressRules);
    }

    @Bean
    CachedTypeCatalog typeCatalog(TypeStore types, CacheInvalidation invalidation) {
        return new CachedTypeCatalog(types, invalidation);
    }

    @Bean
    CachedPreferences preferenceStore(@Stored PreferenceStore stored, CacheInvalidation invalidation) {
        return new CachedPreferences(stored, invalidation);
    }

    @Bean
    CachedTemplates templateStore(@Stored TemplateStore stored, CacheInvalidation invalidation) {
        return new CachedTemplates(stored, invalidation);
    }

    @Bean
    // Not "templateEngine": that name is Thymeleaf's (the console's pages); this one renders notifications.
    TemplateEngine notificationTemplateEngine() {
        return new MustacheEngine();
    }

    @Bean
    TemplateContent templateContent(CachedTemplates templates, TemplateEngine engine) {
        return new TemplateContent(templates, engine);
    }

    @Bean(initMethod = "run")
    SeedTypesBootstrap seedTypes(TypeStore types, CachedTemplates templates, Clock clock) {
        return new SeedTypesBootstrap(types, templates, clock);
    }

    @Bean(destroyMethod = "close")
    InboxStreams inboxStreams(HeraldProperties properties) {
        HeraldProperties.Inbox inbox = properties.inbox();
        return new InboxStreams(inbox.streamTimeout(), inbox.heartbeat(), inbox.maxStreamsPerUser(),
                inbox.maxStreams());
    }

    /** This node's live streams hear every inbox change, made on any node (through the fan-out). */
    @Bean(destroyMethod = "close")
    InboxFanOut.Subscription liveInboxStreams(InboxFanOut fanOut, InboxStreams streams) {
        return fanOut.subscribe(streams);
    }

    @Bean
    Inbox inbox(InboxStore store, NotificationStore notifications, InboxFanOut fanOut, Clock clock) {
        return new Inbox(store, notifications, fanOut.asListener(), clock);
    }

    @Bean
    UserTokens userTokens(TenantSecrets secrets, TokenGenerations generations, Clock clock) {
        return new UserTokens(secrets, generations, clock);
    }

    private static DigestRules digestRules(HeraldProperties properties) {
        try {
            return new DigestRules(properties.digest().types());
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("herald.digest.types is not usable: " + e.getMessage(),
                    "give each digested type a positive window, e.g. \"[social.like]\": 1h");
        }
    }
}
