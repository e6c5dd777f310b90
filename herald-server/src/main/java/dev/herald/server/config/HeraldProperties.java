package dev.herald.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Herald's typed configuration (prefix {@code herald}); every key is described in application.yml.
 *
 * @param dataDir  where the embedded database and the admin key file live
 * @param adminKey an admin API key to install at start-up instead of generating one (e.g. from a secret)
 * @param worker   whether this process dispatches deliveries (the worker role)
 * @param publicBaseUrl where providers reach this Herald for callbacks (e.g. Twilio status), like
 *                      {@code https://herald.example.com}; without it no callbacks are requested
 */
@ConfigurationProperties("herald")
public record HeraldProperties(@DefaultValue("./data") Path dataDir,
                               String adminKey,
                               @DefaultValue Worker worker,
                               @DefaultValue Limits limits,
                               @DefaultValue Retry retry,
                               String publicBaseUrl,
                               @DefaultValue ProvidersProperties providers,
                               @DefaultValue ChannelsProperties channels,
                               @DefaultValue Inbox inbox,
                               @DefaultValue Idempotency idempotency,
                               @DefaultValue Dedup dedup,
                               @DefaultValue Digest digest,
                               @DefaultValue Expiry expiry,
                               @DefaultValue Audit audit,
                               @DefaultValue({"api", "worker", "events"}) List<NodeRoles.Role> roles,
                               @DefaultValue Access access,
                               @DefaultValue Unsubscribe unsubscribe) {

    /**
     * One-click unsubscribe links in emails of non-critical types, and the preference page they open (served under
     * {@code /u/}). Links need {@code herald.public-base-url}, which must then be https unless {@code allowHttp}.
     *
     * @param linkTtl how long a link keeps working after its email was sent
     * @param mailto  an address offered as well in {@code List-Unsubscribe} ({@code mailto:} added), null for none
     */
    public record Unsubscribe(@DefaultValue("true") boolean enabled,
                              @DefaultValue("60d") Duration linkTtl,
                              String mailto,
                              @DefaultValue("false") boolean allowHttp) {
    }

    /**
     * How revocations reach the nodes: every node reads the access version again once its view is {@code recheck}
     * old, so a revoked key is refused everywhere within about twice that; with Redis every node also hears of a
     * change at once.
     */
    public record Access(@DefaultValue("500ms") Duration recheck) {
    }

    /** Dispatch: claim batch size, lease, idle polling, and the sends each lane may have in flight. */
    public record Worker(@DefaultValue("true") boolean enabled,
                         @DefaultValue("200") int batchSize,
                         @DefaultValue("30s") Duration lease,
                         @DefaultValue("10ms") Duration minPoll,
                         @DefaultValue("1s") Duration maxPoll,
                         @DefaultValue("32") int criticalConcurrency,
                         @DefaultValue("64") int highConcurrency,
                         @DefaultValue("128") int normalConcurrency,
                         @DefaultValue("64") int lowConcurrency,
                         @DefaultValue("4") int yieldSlots,
                         @DefaultValue("1s") Duration yieldLinger,
                         @DefaultValue("1") int yieldBatches,
                         @DefaultValue("500") int outcomeBatchSize,
                         @DefaultValue("10s") Duration shutdownGrace,
                         @DefaultValue("30s") Duration suspendedRecheck) {
    }

    /** Upper bounds on every input. */
    public record Limits(@DefaultValue("256KB") org.springframework.util.unit.DataSize maxRequestBody,
                         @DefaultValue("8MB") org.springframework.util.unit.DataSize maxBatchBody,
                         @DefaultValue("100") int maxRecipients,
                         @DefaultValue("1000") int maxBatchSize,
                         @DefaultValue("10000") int maxBatchDeliveries,
                         @DefaultValue("500") int maxTitleLength,
                         @DefaultValue("20000") int maxBodyLength,
                         @DefaultValue("100000") int maxHtmlLength,
                         @DefaultValue("16000") int maxDataLength,
                         @DefaultValue("30s") Duration maxWait,
                         @DefaultValue Rate apiKeyRate,
                         @DefaultValue FailedAuth failedAuth,
                         @DefaultValue("20") int maxWaitersPerKey,
                         Map<String, UserChannelRate> perUser) {
        public Limits {
            perUser = perUser == null ? Map.of() : perUser;
        }
    }

    /** Requests one API key may make: {@code requests} per {@code per}, refilled smoothly. */
    public record Rate(@DefaultValue("5000") long requests, @DefaultValue("1s") Duration per) {
    }

    /**
     * Failed authentications one client address may have ({@code attempts} per {@code per}) before it gets 429;
     * a key found unknown is answered without a database read for {@code rememberUnknownKeys}.
     */
    public record FailedAuth(@DefaultValue("30") long attempts, @DefaultValue("1m") Duration per,
                             @DefaultValue("10s") Duration rememberUnknownKeys) {
    }

    /**
     * Messages one user may get on one channel ({@code herald.limits.per-user.sms: {max: 5, per: 1h, policy: defer}}):
     * beyond that a message waits for the budget (defer) or is dropped as SUPPRESSED (drop).
     */
    public record UserChannelRate(long max, Duration per, @DefaultValue("defer") String policy,
                                  Map<String, String> policyByType) {
        public UserChannelRate {
            policyByType = policyByType == null ? Map.of() : policyByType;
        }
    }

    /**
     * The default retry policy, and per channel ({@code herald.retry.channels.sms.max-attempts: 6}) whatever
     * differs from it; a channel's unset values are the default's.
     */
    public record Retry(@DefaultValue("4") int maxAttempts,
                        @DefaultValue("1s") Duration initialBackoff,
                        @DefaultValue("2.0") double multiplier,
                        @DefaultValue("5m") Duration maxBackoff,
                        @DefaultValue("0.2") double jitter,
                        Map<String, ChannelRetry> channels) {
        public Retry {
            channels = channels == null ? Map.of() : channels;
        }
    }

    /** One channel's departures from the default retry policy; null means "as the default". */
    public record ChannelRetry(Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff,
                               Double jitter) {
    }

    /**
     * Digested types: LOW notifications of each type for one user and channel inside one window (aligned to the
     * clock) become one message when the window closes ({@code herald.digest.types."[social.like]": 1h}).
     */
    public record Digest(Map<String, Duration> types, @DefaultValue("5s") Duration checkEvery) {
        public Digest {
            types = types == null ? Map.of() : types;
        }
    }

    /** Content dedup: the same content to the same address within {@code window} is SUPPRESSED (0 turns it off). */
    public record Dedup(@DefaultValue("10m") Duration window, Map<String, Duration> windowByType) {
        public Dedup {
            windowByType = windowByType == null ? Map.of() : windowByType;
        }
    }

    /** How long a notification of a type stays worth sending when the request gives no {@code expiresAt}. */
    public record Expiry(Map<String, Duration> byType) {
        public Expiry {
            byType = byType == null ? Map.of() : byType;
        }
    }

    /** How long audit entries are kept before housekeeping deletes them. */
    public record Audit(@DefaultValue("400d") Duration retention) {
    }

    /** How long an idempotency key answers with the notification it created (after that it may be reused). */
    public record Idempotency(@DefaultValue("24h") Duration ttl) {
    }

    /** The in-app inbox: how long user tokens last and how browsers may reach it. */
    public record Inbox(@DefaultValue("12h") Duration tokenTtl,
                        List<String> allowedOrigins,
                        @DefaultValue("30m") Duration streamTimeout,
                        @DefaultValue("20s") Duration heartbeat,
                        @DefaultValue("5") int maxStreamsPerUser,
                        @DefaultValue("10000") int maxStreams) {
        public Inbox {
            allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins;
        }
    }
}
