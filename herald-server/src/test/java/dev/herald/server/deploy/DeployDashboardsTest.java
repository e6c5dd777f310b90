package dev.herald.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/grafana and deploy/prometheus query only what Herald exports, and cover what an operator needs. */
class DeployDashboardsTest {

    @Test
    void everyMetricTheDashboardQueriesIsOneHeraldExports() throws IOException {
        List<String> expressions = dashboardExpressions();

        assertThat(expressions).isNotEmpty();
        assertThat(metricsIn(expressions)).isSubsetOf(HeraldMetrics.seriesNames());
    }

    @Test
    void everyMetricTheAlertsQueryIsOneHeraldExports() throws IOException {
        List<String> expressions = alerts().groups().stream().flatMap(group -> group.rules().stream())
                .map(PrometheusRules.Rule::expr).toList();

        assertThat(expressions).isNotEmpty().doesNotContainNull();
        assertThat(metricsIn(expressions)).isSubsetOf(HeraldMetrics.seriesNames());
    }

    @Test
    void theDashboardShowsThroughputLatencyLanesBreakersAndDeadLetters() throws IOException {
        assertThat(metricsIn(dashboardExpressions())).contains(
                "herald_deliveries_total", "herald_accept_to_sent_seconds_bucket", "herald_lane_depth",
                "herald_lane_oldest_due_seconds", "herald_provider_breaker_state", "herald_dead_letters");
        String expressions = String.join("\n", dashboardExpressions());
        assertThat(expressions).contains("histogram_quantile(0.5,", "histogram_quantile(0.99,", "by (le, lane)",
                "by (channel, status)");
    }

    @Test
    void theAlertsCoverDeadLettersLateCriticalOpenBreakersAndOutcomeWrites() throws IOException {
        Map<String, PrometheusRules.Rule> byName = alerts().groups().stream().flatMap(group -> group.rules().stream())
                .collect(Collectors.toMap(PrometheusRules.Rule::alert, rule -> rule));

        assertThat(byName).containsOnlyKeys("HeraldDeadLettersGrowing", "HeraldCriticalLaneLate",
                "HeraldProviderBreakerOpen", "HeraldOutcomeWritesFailing", "HeraldStatusOutboxGrowing");
        assertThat(byName.get("HeraldDeadLettersGrowing").expr()).contains("herald_dead_letters");
        assertThat(byName.get("HeraldStatusOutboxGrowing").expr()).contains("herald_status_outbox_size");
        assertThat(byName.get("HeraldCriticalLaneLate").expr()).contains("herald_lane_oldest_due_seconds", "> 30");
        assertThat(byName.get("HeraldProviderBreakerOpen").expr()).contains("herald_provider_breaker_state");
        assertThat(byName.get("HeraldProviderBreakerOpen").pending()).isEqualTo("5m");
        assertThat(byName.get("HeraldOutcomeWritesFailing").expr()).contains("herald_outcome_write_seconds_count");
        assertThat(byName.values()).allSatisfy(rule -> {
            assertThat(rule.labels()).containsKey("severity");
            assertThat(rule.annotations()).containsKey("summary");
        });
    }

    @Test
    void namesAreFoundAndFunctionsLabelsAndRangesAreNot() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, lane) (rate(herald_accept_to_sent_seconds_bucket[$__rate_interval])))"))
                .containsExactly("herald_accept_to_sent_seconds_bucket");
        assertThat(PromQl.metricNames("max(herald_lane_oldest_due_seconds{lane=~\"(?i)critical\"}) > 30 and up == 1e3"))
                .containsExactly("herald_lane_oldest_due_seconds", "up");
        assertThat(PromQl.metricNames("sum(rate(heraldd_deliveries_total[5m]))"))
                .as("a misspelled name is reported, so the contract check catches it")
                .containsExactly("heraldd_deliveries_total");
    }

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> names.addAll(PromQl.metricNames(expression)));
        return names;
    }

    private static PrometheusRules alerts() throws IOException {
        return DeployFolder.YAML.readValue(Files.readString(DeployFolder.path("prometheus/alerts.yml")),
                PrometheusRules.class);
    }

    /** Every target's PromQL, panels nested in rows included. */
    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DeployFolder.path("grafana/herald-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode targets : dashboard.findValues("targets")) {
            for (JsonNode target : targets) {
                assertThat(target.path("expr").isTextual()).as("target " + target).isTrue();
                expressions.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                expressions.add(variable.path("query").asText());
            }
        }
        return expressions;
    }
}
