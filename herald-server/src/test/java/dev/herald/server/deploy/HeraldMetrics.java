package dev.herald.server.deploy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The metric names Herald exports (issue 11), as dashboards, alerts and the worker autoscaler may query them.
 * This list is the contract: deploy/ may only query these, and the metrics tests check that Herald exports them.
 */
final class HeraldMetrics {

    /** Each exported name with the series suffixes Prometheus adds to it (histograms and timers). */
    private static final Map<String, Set<String>> CONTRACT = Map.of(
            "herald_notifications_accepted_total", Set.of(""),
            "herald_deliveries_total", Set.of(""),
            "herald_accept_to_sent_seconds", Set.of("_bucket", "_sum", "_count"),
            "herald_lane_depth", Set.of(""),
            "herald_lane_oldest_due_seconds", Set.of(""),
            "herald_provider_calls_total", Set.of(""),
            "herald_provider_breaker_state", Set.of(""),
            "herald_dead_letters", Set.of(""),
            "herald_status_outbox_size", Set.of(""),
            // a histogram (_bucket) or a plain timer (_max): queries should use _sum/_count, which both have
            "herald_outcome_write_seconds", Set.of("_bucket", "_sum", "_count", "_max"));

    private HeraldMetrics() {
    }

    /** Every series name a PromQL expression may reference. */
    static Set<String> seriesNames() {
        Set<String> names = new HashSet<>();
        CONTRACT.forEach((name, suffixes) -> suffixes.forEach(suffix -> names.add(name + suffix)));
        return names;
    }

    static Set<String> names() {
        return CONTRACT.keySet();
    }
}
