package dev.herald.server.console;

import dev.herald.core.deadletter.DeadLetterFilter;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.model.Channel;
import dev.herald.core.stats.DailyDeliveryStats;
import dev.herald.core.stats.DeliveryCounts;
import dev.herald.core.stats.DeliveryStats;
import dev.herald.core.stats.LaneDepths;
import dev.herald.core.stats.LaneLatencies;
import dev.herald.core.stats.StatsQuery;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.providers.chain.ProviderHealth;
import dev.herald.server.api.Costs;
import dev.herald.server.config.BillingProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The overview: today and the last 7 days per channel from the read model, what waits on each lane and how fast
 * each lane sent today (accept→sent p50/p95 over a recent sample), the dead-letter queue's size and the providers'
 * health. The live part is a fragment htmx polls while the page is open.
 */
@Controller
class OverviewController {
    static final int DAYS = 7;
    // Counting stops here: the overview says "10000+" rather than walking a huge queue every few seconds.
    static final int DLQ_COUNT_LIMIT = 10_000;

    private final DeliveryStats stats;
    private final LaneDepths lanes;
    private final LaneLatencies latencies;
    private final DeadLetters deadLetters;
    private final ProviderHealth providers;
    private final BillingProperties billing;
    private final Clock clock;

    OverviewController(DeliveryStats stats, LaneDepths lanes, LaneLatencies latencies, DeadLetters deadLetters,
                       ProviderHealth providers, BillingProperties billing, Clock clock) {
        this.stats = stats;
        this.lanes = lanes;
        this.latencies = latencies;
        this.deadLetters = deadLetters;
        this.providers = providers;
        this.billing = billing;
        this.clock = clock;
    }

    /** One channel's counters over a range, as the table shows them. */
    record ChannelRow(Channel channel, long sent, long delivered, long read, long failed, long suppressed,
                      String successRate, Long p50Millis, Long p95Millis, BigDecimal cost) {
        static ChannelRow of(Channel channel, DeliveryCounts c, BigDecimal cost) {
            Double rate = c.successRate();
            return new ChannelRow(channel, c.sent(), c.delivered(), c.read(), c.failed() + c.dead(), c.suppressed(),
                    rate == null ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100),
                    c.acceptToSent().percentileMillis(0.50), c.acceptToSent().percentileMillis(0.95), cost);
        }
    }

    @GetMapping({"/console", "/console/"})
    String overview(Caller caller, Model model) {
        live(caller, model);
        return "console/overview";
    }

    @GetMapping("/console/overview/live")
    String live(Caller caller, Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = today.minusDays(DAYS - 1);
        List<DailyDeliveryStats> rows = stats.daily(caller.tenant(), new StatsQuery(from, today, null, null));
        model.addAttribute("today", channelRows(caller, rows, today, today));
        model.addAttribute("week", channelRows(caller, rows, from, today));
        List<String> labels = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
            LocalDate d = day;
            DeliveryCounts c = rows.stream().filter(r -> r.day().equals(d)).map(DailyDeliveryStats::counts)
                    .reduce(DeliveryCounts.none(), DeliveryCounts::plus);
            labels.add(d.toString().substring(5));
            sent.add(c.sent());
            failed.add(c.failed() + c.dead());
        }
        model.addAttribute("chartLabels", String.join(",", labels));
        model.addAttribute("chartSent", join(sent));
        model.addAttribute("chartFailed", join(failed));
        model.addAttribute("lanes", lanes.at(caller.tenant(), clock.instant()));
        model.addAttribute("latencies", latencies.today(caller.tenant(), clock.instant()));
        model.addAttribute("latencySample",
                String.format(java.util.Locale.ROOT, "%,d", LaneLatencies.NOTIFICATIONS));
        model.addAttribute("dlqSize", caller.may(Scope.ADMIN) ? dlqSize(caller) : null);
        model.addAttribute("providers", providers.now());
        return "console/overview :: live";
    }

    private List<ChannelRow> channelRows(Caller caller, List<DailyDeliveryStats> rows, LocalDate from, LocalDate to) {
        Map<Channel, DeliveryCounts> merged = new EnumMap<>(Channel.class);
        for (DailyDeliveryStats row : rows) {
            if (!row.day().isBefore(from) && !row.day().isAfter(to)) {
                merged.merge(row.channel(), row.counts(), DeliveryCounts::plus);
            }
        }
        Costs costs = Costs.of(stats.sentByProvider(caller.tenant(), from, to), billing);
        return merged.entrySet().stream().map(e -> ChannelRow.of(e.getKey(), e.getValue(), costs.cost(e.getKey())))
                .toList();
    }

    /** The number of dead letters, counted page by page up to {@link #DLQ_COUNT_LIMIT}. */
    private String dlqSize(Caller caller) {
        return DeadLettersPage.count(deadLetters, caller, new DeadLetterFilter(null, null, null), DLQ_COUNT_LIMIT);
    }

    private static String join(List<Long> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
