package dev.herald.server.api;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.request.Violations;
import dev.herald.core.stats.DailyDeliveryStats;
import dev.herald.core.stats.DeliveryCounts;
import dev.herald.core.stats.DeliveryStats;
import dev.herald.core.stats.LaneDepths;
import dev.herald.core.stats.LaneLatencies;
import dev.herald.core.stats.LaneLatency;
import dev.herald.core.model.Priority;
import dev.herald.core.stats.RecentFailure;
import dev.herald.core.stats.RecentFailurePage;
import dev.herald.core.stats.RecentFailures;
import dev.herald.core.stats.StatsQuery;
import dev.herald.core.tenancy.Caller;
import dev.herald.providers.chain.ProviderHealth;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.config.BillingProperties;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dashboard API over the delivery read model: what happened to the tenant's deliveries, by day and channel,
 * which of them failed lately and why, and what waits on each lane now.
 */
@RestController
class DashboardController {
    private static final int MAX_FAILURES = 200;

    private final DeliveryStats stats;
    private final LaneDepths lanes;
    private final LaneLatencies latencies;
    private final BillingProperties billing;
    private final RecentFailures failures;
    private final ProviderHealth providers;
    private final Clock clock;

    DashboardController(DeliveryStats stats, LaneDepths lanes, LaneLatencies latencies, BillingProperties billing,
                        RecentFailures failures, ProviderHealth providers, Clock clock) {
        this.stats = stats;
        this.latencies = latencies;
        this.billing = billing;
        this.lanes = lanes;
        this.failures = failures;
        this.providers = providers;
        this.clock = clock;
    }

    record DailyRow(LocalDate day, Channel channel, String type, Traffic traffic) {
    }

    record Daily(LocalDate from, LocalDate to, List<DailyRow> rows) {
    }

    /** {@code cost}: the channel's sent messages, each at its provider's price (see the billing endpoint). */
    record ChannelRow(Channel channel, Traffic traffic, BigDecimal cost) {
    }

    record Channels(LocalDate from, LocalDate to, List<ChannelRow> channels) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/delivery")
    Daily delivery(Caller caller, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(required = false) String channel,
                   @RequestParam(required = false) String type) {
        ForbiddenException.require(caller, Scope.READ);
        StatsQuery query = DashboardRange.parse(new Violations(), clock, from, to, channel, type);
        List<DailyRow> rows = stats.daily(caller.tenant(), query).stream()
                .map(r -> new DailyRow(r.day(), r.channel(), r.type(), Traffic.of(r.counts()))).toList();
        return new Daily(query.from(), query.to(), rows);
    }

    /**
     * {@code acceptToSent}: exact p50/p95 in milliseconds over {@code sample} sent deliveries, those of the lane's
     * last 1,000 notifications accepted today (UTC); the percentiles are null when nothing in it was sent.
     */
    record Lane(Priority lane, long due, double oldestDueSeconds, AcceptToSent acceptToSent) {
    }

    record AcceptToSent(int sample, Long p50Millis, Long p95Millis) {
    }

    record Lanes(List<Lane> lanes) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/lanes")
    Lanes lanes(Caller caller) {
        ForbiddenException.require(caller, Scope.READ);
        Instant now = clock.instant();
        Map<Priority, LaneLatency> latency = new EnumMap<>(Priority.class);
        latencies.today(caller.tenant(), now).forEach(l -> latency.put(l.lane(), l));
        return new Lanes(lanes.at(caller.tenant(), now).stream().map(d -> {
            LaneLatency l = latency.getOrDefault(d.lane(), LaneLatency.of(d.lane(), List.of()));
            return new Lane(d.lane(), d.due(), d.oldestDue().toMillis() / 1000.0,
                    new AcceptToSent(l.sample(), l.p50Millis(), l.p95Millis()));
        }).toList());
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/delivery/channels")
    Channels channels(Caller caller, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to) {
        ForbiddenException.require(caller, Scope.READ);
        StatsQuery query = DashboardRange.parse(new Violations(), clock, from, to, null, null);
        Map<Channel, DeliveryCounts> merged = new EnumMap<>(Channel.class);
        for (DailyDeliveryStats row : stats.daily(caller.tenant(), query)) {
            merged.merge(row.channel(), row.counts(), DeliveryCounts::plus);
        }
        Costs costs = Costs.of(stats.sentByProvider(caller.tenant(), query.from(), query.to()), billing);
        List<ChannelRow> rows = merged.entrySet().stream()
                .map(e -> new ChannelRow(e.getKey(), Traffic.of(e.getValue()), costs.cost(e.getKey()))).toList();
        return new Channels(query.from(), query.to(), rows);
    }

    /**
     * One failure: {@code status} is what the delivery became then (FAILED or DEAD), {@code currentStatus} what it
     * is now (a replayed dead letter may have been SENT since; null when the delivery is gone).
     */
    record FailureJson(UUID deliveryId, UUID notificationId, String userId, Channel channel, String type,
                       String provider, DeliveryStatus status, String reason, int attempts, Instant failedAt,
                       DeliveryStatus currentStatus) {
        static FailureJson of(RecentFailure f) {
            return new FailureJson(f.deliveryId(), f.notificationId(), f.userId(), f.channel(), f.type(),
                    f.provider(), f.status(), f.reason(), f.attempts(), f.failedAt(), f.currentStatus());
        }
    }

    record Failures(List<FailureJson> items, String nextCursor) {
        static Failures of(RecentFailurePage page) {
            return new Failures(page.items().stream().map(FailureJson::of).toList(),
                    PageCursor.encode(page.nextCursor()));
        }
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/delivery/failures")
    Failures failures(Caller caller, @RequestParam(defaultValue = "50") String limit,
                      @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.READ);
        Violations v = new Violations();
        int parsedLimit = QueryParams.limit(v, limit, MAX_FAILURES);
        UUID before = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return Failures.of(failures.list(caller.tenant(), parsedLimit, before));
    }

    record RateLimitJson(double perSecond, long capacity, long available) {
    }

    record LastErrorJson(String reason, Instant at) {
    }

    /**
     * A provider now: {@code breaker} is its circuit breaker's state (CLOSED, OPEN, HALF_OPEN, ...; for Slack and
     * webhooks, which keep one breaker per URL, the worst of them, and {@code openEndpoints} how many are open),
     * {@code calls}
     * what chains asked of it since start by result (as {@code herald_provider_calls_total} counts them),
     * {@code failures} its passing failures, {@code rateLimit} null when it has none, {@code lastError} the head of
     * its last failure's reason, null when none.
     */
    record ProviderJson(String name, String kind, List<Channel> channels, String breaker, int openEndpoints,
                        Map<String, Long> calls, long failures, RateLimitJson rateLimit, LastErrorJson lastError) {
        static ProviderJson of(ProviderHealth.Entry e) {
            return new ProviderJson(e.name(), e.kind(), e.channels(), e.breaker().name(), e.openEndpoints(),
                    e.calls(), e.failures(),
                    e.rateLimit() == null ? null : new RateLimitJson(e.rateLimit().perSecond(),
                            e.rateLimit().capacity(), e.rateLimit().available()),
                    e.lastError() == null ? null : new LastErrorJson(e.lastError().reason(), e.lastError().at()));
        }
    }

    record Providers(List<ProviderJson> providers) {
    }

    /**
     * Providers are the installation's, shared by every tenant: every read key sees the same list, which holds no
     * tenant's data (counts, states and the head of the last reason only).
     */
    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/providers")
    Providers providers(Caller caller) {
        ForbiddenException.require(caller, Scope.READ);
        return new Providers(providers.now().stream().map(ProviderJson::of).toList());
    }
}
