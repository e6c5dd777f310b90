package dev.herald.server.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** A Prometheus rule file (the fields Prometheus 2/3 accept), read strictly. */
record PrometheusRules(List<Group> groups) {

    record Group(String name, String interval, Integer limit, @JsonProperty("query_offset") String queryOffset,
                 Map<String, String> labels, List<Rule> rules) {
    }

    record Rule(String alert, String record, String expr, @JsonProperty("for") String pending,
                @JsonProperty("keep_firing_for") String keepFiringFor, Map<String, String> labels,
                Map<String, String> annotations) {
    }
}
