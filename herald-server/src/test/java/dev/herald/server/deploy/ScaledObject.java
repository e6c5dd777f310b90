package dev.herald.server.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KEDA's ScaledObject (keda.sh/v1alpha1, a CRD fabric8 has no type for), written down as far as Herald uses it;
 * read strictly, so a misspelled field fails instead of being ignored by KEDA.
 */
record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    static final String API_VERSION = "keda.sh/v1alpha1";

    record Spec(ScaleTarget scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod, Integer idleReplicaCount,
                Integer minReplicaCount, Integer maxReplicaCount, Map<String, Object> advanced,
                Map<String, Object> fallback, List<Trigger> triggers) {
    }

    record ScaleTarget(String apiVersion, String kind, String name, String envSourceContainerName) {
    }

    record Trigger(String type, String name, Map<String, String> metadata, AuthenticationRef authenticationRef,
                   String metricType, Boolean useCachedMetrics) {
    }

    record AuthenticationRef(String name, String kind) {
    }

    /** The fields KEDA requires, and what the prometheus scaler needs in its metadata. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!API_VERSION.equals(apiVersion)) {
            missing.add("apiVersion " + API_VERSION);
        }
        if (!"ScaledObject".equals(kind)) {
            missing.add("kind ScaledObject");
        }
        if (metadata == null || metadata.getName() == null) {
            missing.add("metadata.name");
        }
        if (spec == null || spec.scaleTargetRef() == null || spec.scaleTargetRef().name() == null) {
            missing.add("spec.scaleTargetRef.name");
        }
        if (spec == null || spec.triggers() == null || spec.triggers().isEmpty()) {
            missing.add("spec.triggers");
            return missing;
        }
        for (int i = 0; i < spec.triggers().size(); i++) {
            Trigger trigger = spec.triggers().get(i);
            if (trigger.type() == null) {
                missing.add("spec.triggers[" + i + "].type");
            } else if (trigger.type().equals("prometheus")) {
                Map<String, String> meta = trigger.metadata() == null ? Map.of() : trigger.metadata();
                for (String key : List.of("serverAddress", "query", "threshold")) {
                    if (meta.get(key) == null || meta.get(key).isBlank()) {
                        missing.add("spec.triggers[" + i + "].metadata." + key);
                    }
                }
                if (meta.get("threshold") != null && !meta.get("threshold").matches("\\d+(\\.\\d+)?")) {
                    missing.add("spec.triggers[" + i + "].metadata.threshold as a number in a string");
                }
            }
        }
        return missing;
    }
}
