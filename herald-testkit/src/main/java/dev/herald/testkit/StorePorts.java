package dev.herald.testkit;

import dev.herald.core.audit.AuditTrail;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.topics.TopicStore;
import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.core.channel.IntegrationStore;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.deadletter.EventDeadLetters;
import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.templates.TemplateStore;
import dev.herald.core.types.TypeStore;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.inbox.InboxStore;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.tenancy.SignedOutSessions;
import dev.herald.core.tenancy.SigningKeyRotation;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.core.tenancy.TokenGenerations;

import dev.herald.core.dispatch.DeliveryQueue;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.core.stats.DeliveryStats;
import dev.herald.core.stats.StatsRebuild;
import dev.herald.core.stats.LaneDepths;
import dev.herald.core.stats.LaneLatencies;
import dev.herald.core.stats.RecentFailures;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.core.statusout.StatusOutbox;
import dev.herald.core.statusout.StatusWebhookStore;
import dev.herald.core.suppression.InboundSettings;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.workflow.WorkflowStore;

/**
 * The store ports a backend provides; what every contract test runs against. {@code rawRows} reaches the same
 * database beneath them, for tests that corrupt a row on purpose.
 */
public record StorePorts(NotificationStore notifications, DeliveryQueue queue, UserDirectory users,
                         ApiKeyStore apiKeys, SandboxStore sandbox, DeviceRegistry devices, InboxStore inbox,
                         TenantSecrets secrets, SigningKeyRotation signingKeys, DeadLetters deadLetters,
                         DedupGuard dedup, DigestStore digests,
                         TypeStore types, TemplateStore templates, PreferenceStore preferences,
                         TokenGenerations tokenGenerations, DisabledEndpoints disabledEndpoints,
                         DeliveryStats stats, StatsRebuild statsRebuild, LaneDepths lanes,
                         EventDeadLetters eventDeadLetters, RecentFailures failures,
                         AuditTrail audit, IntegrationStore integrations,
                         TenantStore tenants, StatusOutbox statusOutbox, StatusWebhookStore statusWebhooks,
                         SignedOutSessions signedOutSessions, LaneLatencies laneLatencies,
                         SuppressionList suppressions, WorkflowStore workflows, TopicStore topics,
                         BroadcastStore broadcasts, InboundSettings inboundSettings, RawRows rawRows) {
}
