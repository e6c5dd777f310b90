package dev.herald.server.api;

import dev.herald.core.model.Channel;
import dev.herald.core.request.Violations;
import dev.herald.core.stats.DailyDeliveryStats;
import dev.herald.core.stats.DeliveryStats;
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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A month's cost per channel from the read model and today's prices: every sent message costs its provider's price
 * (its channel's when the provider has none), and every duplicate dedup suppressed saved its channel's price.
 */
@RestController
class BillingController {
    private final DeliveryStats stats;
    private final BillingProperties billing;
    private final Clock clock;

    BillingController(DeliveryStats stats, BillingProperties billing, Clock clock) {
        this.stats = stats;
        this.billing = billing;
        this.clock = clock;
    }

    /**
     * A channel's month: {@code price} is the channel's own (what each suppressed duplicate saved: it never reached
     * a provider), {@code sent} and {@code cost} add up its {@code providers}, each priced at its own price.
     */
    record ChannelCost(Channel channel, BigDecimal price, long sent, BigDecimal cost, long suppressedByDedup,
                       BigDecimal creditsSaved, List<Costs.ProviderCost> providers) {
    }

    record Bill(YearMonth month, BigDecimal cost, BigDecimal creditsSaved, List<ChannelCost> channels) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/billing")
    Bill billing(Caller caller, @RequestParam(required = false) String month) {
        ForbiddenException.require(caller, Scope.READ);
        YearMonth parsed = month(month);
        Map<Channel, Long> duplicates = new EnumMap<>(Channel.class);
        for (DailyDeliveryStats row : stats.daily(caller.tenant(),
                StatsQuery.days(parsed.atDay(1), parsed.atEndOfMonth()))) {
            duplicates.merge(row.channel(), row.counts().suppressedByDedup(), Long::sum);
        }
        Costs costs = Costs.of(stats.sentByProvider(caller.tenant(), parsed.atDay(1), parsed.atEndOfMonth()),
                billing);
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        channels.addAll(duplicates.keySet());
        channels.addAll(costs.channels());
        List<ChannelCost> rows = channels.stream().map(channel -> {
            BigDecimal price = billing.priceOf(channel);
            long saved = duplicates.getOrDefault(channel, 0L);
            return new ChannelCost(channel, price, costs.sent(channel), costs.cost(channel), saved,
                    price.multiply(BigDecimal.valueOf(saved)), costs.providers(channel));
        }).toList();
        return new Bill(parsed, rows.stream().map(ChannelCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                rows.stream().map(ChannelCost::creditsSaved).reduce(BigDecimal.ZERO, BigDecimal::add), rows);
    }

    private YearMonth month(String month) {
        if (month == null) {
            return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            Violations v = new Violations();
            v.add("month", "format", "must be a month like 2026-12");
            v.throwIfAny();
            return null;
        }
    }
}
