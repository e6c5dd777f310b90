package dev.herald.server.config;

import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.audit.AuditRetention;
import dev.herald.core.audit.AuditTrail;
import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.dispatch.DeliveryQueue;
import dev.herald.core.dispatch.DeliverySender;
import dev.herald.core.dispatch.DispatchSettings;
import dev.herald.core.dispatch.Dispatchers;
import dev.herald.core.dispatch.Housekeeping;
import dev.herald.core.dispatch.WorkflowSteps;
import dev.herald.core.workflow.WorkflowStore;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.dispatch.OutcomeListener;
import dev.herald.core.dispatch.OutcomeRules;
import dev.herald.core.dispatch.OutcomeWriter;
import dev.herald.core.limits.PermitHolders;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.model.PassingFailures;
import dev.herald.core.model.Priority;
import dev.herald.core.preferences.OptOuts;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.preferences.StoredOptOuts;
import dev.herald.core.recipients.DeadPushTokens;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.stats.RecentFailures;
import dev.herald.server.integrations.TenantChains;
import dev.herald.server.metrics.WorkflowStepMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import dev.herald.core.tenancy.SuspendedTenants;
import dev.herald.server.types.CachedTypeCatalog;
import dev.herald.core.channel.UnsubscribeLinks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Wires the dispatch side of herald-core: lanes, the sender and what it asks before a send, housekeeping. */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DispatchConfiguration.class);


    /** Per-user channel budgets from herald.limits.per-user; a bad entry stops start-up naming it. */
    @Bean
    UserChannelLimits userChannelLimits(HeraldProperties properties, RateLimiter limiter, PermitHolders holders) {
        return ConfiguredUserLimits.of(properties.limits().perUser(), limiter, holders);
    }

    @Bean
    ContentDedup contentDedup(DedupGuard guard, CachedTypeCatalog types, HeraldProperties properties) {
        return new ContentDedup(guard, properties.dedup().window(), properties.dedup().windowByType(), types);
    }

    /** Asked again right before each send (through the preference cache). */
    @Bean
    OptOuts optOuts(PreferenceStore preferences) {
        return new StoredOptOuts(preferences);
    }

    /** A push token the push service declared dead is forgotten, so no further deliveries are planned to it. */
    @Bean
    DeadAddresses deadAddresses(DeviceRegistry devices) {
        return new DeadPushTokens(devices);
    }

    /** Every OutcomeListener bean hears committed outcomes: wait mode, metrics. */
    @Bean
    OutcomeWriter outcomeWriter(DeliveryQueue queue, List<OutcomeListener> listeners, HeraldProperties properties) {
        return new OutcomeWriter(queue, listeners, properties.worker().outcomeBatchSize());
    }

    @Bean
    OutcomeRules outcomeRules(HeraldProperties properties) {
        return new OutcomeRules(ConfiguredRetryPolicies.of(properties.retry()), RandomGenerator.getDefault());
    }

    @Bean
    DeliverySender deliverySender(ChannelProviders providers, OutcomeRules rules, OutcomeWriter writer, Clock clock,
                                  DeadAddresses deadAddresses, UserChannelLimits userLimits, ContentDedup dedup,
                                  OptOuts optOuts, TenantChains tenantChains, SuspendedTenants suspended,
                                  UnsubscribeLinks unsubscribeLinks) {
        // A tenant's own integrations go first for its deliveries; the installation's chains carry the rest.
        return new DeliverySender(tenantChains.tenantFirst(providers), rules, writer, clock, deadAddresses,
                userLimits, dedup, optOuts, new MdcDeliveryContext(), suspended, unsubscribeLinks);
    }

    @Bean
    Dispatchers dispatchers(DeliveryQueue queue, DeliverySender sender, OutcomeWriter writer, LaneSignals signals,
                            HeraldProperties properties, Clock clock) {
        HeraldProperties.Worker w = properties.worker();
        Map<Priority, Integer> concurrency = new EnumMap<>(Priority.class);
        concurrency.put(Priority.CRITICAL, w.criticalConcurrency());
        concurrency.put(Priority.HIGH, w.highConcurrency());
        concurrency.put(Priority.NORMAL, w.normalConcurrency());
        concurrency.put(Priority.LOW, w.lowConcurrency());
        // The worker id names the lease holder in the database: host-pid is enough to find the process.
        String workerId = ManagementFactory.getRuntimeMXBean().getName();
        return new Dispatchers(queue, sender, writer, signals,
                new DispatchSettings(w.batchSize(), w.lease(), w.minPoll(), w.maxPoll(), concurrency,
                        w.yieldSlots(), workerId), clock);
    }

    @Bean
    DispatchLifecycle dispatchLifecycle(Dispatchers dispatchers, HeraldProperties properties, NodeRoles roles) {
        return new DispatchLifecycle(dispatchers, properties.worker(), roles.worker());
    }

    @Bean
    Housekeeping housekeeping(DigestStore digests, DedupGuard dedup, RecentFailures failures, IdGenerator ids,
                              LaneSignals signals, Clock clock, HeraldProperties properties, AuditTrail audit) {
        return new Housekeeping(digests, dedup, failures, ids, signals, clock, properties.digest().checkEvery(),
                new AuditRetention(audit, properties.audit().retention(), clock));
    }

    /** Workflow timers are polled every {@code herald.workflows.poll}: a step is at most about that late. */
    @Bean
    WorkflowSteps workflowSteps(WorkflowStore store, LaneSignals signals, Clock clock, WorkflowProperties properties,
                                MeterRegistry registry, PassingFailures passing) {
        WorkflowSteps steps = new WorkflowSteps(store, signals, clock, properties.poll(),
                properties.retries().rule("herald.workflows.retries"), passing);
        WorkflowStepMetrics.bind(steps, registry);
        return steps;
    }

    @Bean
    WorkerLifecycle workflowStepsLifecycle(WorkflowSteps steps, NodeRoles roles) {
        return new WorkerLifecycle(roles.worker(), steps);
    }

    @Bean
    WorkerLifecycle housekeepingLifecycle(Housekeeping housekeeping, NodeRoles roles) {
        return new WorkerLifecycle(roles.worker(), housekeeping);
    }

    @Bean
    NodeRoles nodeRoles(HeraldProperties properties) {
        NodeRoles roles = NodeRoles.of(properties);
        LOG.info("This node's roles: {}", roles);
        return roles;
    }
}
