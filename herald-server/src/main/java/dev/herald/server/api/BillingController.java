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
import java.util.List;
import java.util.Map;

/**
 * A month's cost per channel from the read model and today's prices: every sent message costs its channel's price,
 * and every duplicate dedup suppressed is a price saved.
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

    record ChannelCost(Channel channel, BigDecimal price, long sent, BigDecimal cost, long suppressedByDedup,
                       BigDecimal creditsSaved) {
    }

    record Bill(YearMonth month, BigDecimal cost, BigDecimal creditsSaved, List<ChannelCost> channels) {
    }

    @RequiresScope(Scope.READ)
    @GetMapping("/api/v1/dashboard/billing")
    Bill billing(Caller caller, @RequestParam(required = false) String month) {
        ForbiddenException.require(caller, Scope.READ);
        YearMonth parsed = month(month);
        Map<Channel, long[]> counts = new EnumMap<>(Channel.class);
        for (DailyDeliveryStats row : stats.daily(caller.tenant(),
                StatsQuery.days(parsed.atDay(1), parsed.atEndOfMonth()))) {
            long[] c = counts.computeIfAbsent(row.channel(), k -> new long[2]);
            c[0] += row.counts().sent();
            c[1] += row.counts().suppressedByDedup();
        }
        List<ChannelCost> channels = counts.entrySet().stream().map(e -> {
            BigDecimal price = billing.priceOf(e.getKey());
            return new ChannelCost(e.getKey(), price, e.getValue()[0], price.multiply(BigDecimal.valueOf(e.getValue()[0])),
                    e.getValue()[1], price.multiply(BigDecimal.valueOf(e.getValue()[1])));
        }).toList();
        return new Bill(parsed, channels.stream().map(ChannelCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                channels.stream().map(ChannelCost::creditsSaved).reduce(BigDecimal.ZERO, BigDecimal::add), channels);
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
