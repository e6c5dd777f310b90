package dev.herald.server.api;

import dev.herald.core.model.Channel;
import dev.herald.core.request.Violations;
import dev.herald.core.stats.DailyDeliveryStats;
import dev.herald.core.stats.DeliveryCounts;
import dev.herald.core.stats.DeliveryStats;
import dev.herald.core.stats.LaneDepths;
import dev.herald.core.model.Priority;
import dev.herald.core.stats.StatsQuery;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.config.BillingProperties;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The dashboard API over the delivery read model: what happened to the tenant's deliveries, by day and channel. */
@RestController
class DashboardController {
    private final DeliveryStats stats;
    private final LaneDepths lanes;
    private final BillingProperties billing;
    private final Clock clock;

    DashboardController(DeliveryStats stats, LaneDepths lanes, BillingProperties billing, Clock clock) {
        this.stats = stats;
        this.billing = billing;
        this.lanes = lanes;
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

    record Lane(Priority lane, long due, double oldestDueSeconds) {
    }

    record Lanes(List<Lane> lanes) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/lanes")
    Lanes lanes(Caller caller) {
        ForbiddenException.require(caller, Scope.READ);
        return new Lanes(lanes.at(caller.tenant(), clock.instant()).stream()
                .map(d -> new Lane(d.lane(), d.due(), d.oldestDue().toMillis() / 1000.0)).toList());
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
}
