package dev.herald.server.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into fabric8's Kubernetes model and refuses any field the model does not know.
 *
 * <p>fabric8's types keep unknown fields in {@code additionalProperties} (a Jackson any-setter), so
 * FAIL_ON_UNKNOWN_PROPERTIES alone never fires for them: after reading, every object of the tree is
 * walked and a non-empty {@code additionalProperties} is reported with its path.
 */
final class StrictKubernetesModel {

    /** The kinds deploy/kubernetes may hold (KEDA's ScaledObject is a CRD, read by {@link ScaledObject}). */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    private StrictKubernetesModel() {
    }

    static boolean knows(JsonNode document) {
        return KINDS.containsKey(key(document));
    }

    /** The document as its fabric8 type; fails naming every unknown field. */
    static HasMetadata read(JsonNode document) {
        Class<? extends HasMetadata> type = KINDS.get(key(document));
        if (type == null) {
            throw new IllegalArgumentException("unknown apiVersion/kind " + key(document) + "; known: " + KINDS.keySet());
        }
        return read(document, type);
    }

    static <T> T read(JsonNode document, Class<T> type) {
        T resource;
        try {
            resource = DeployFolder.YAML.treeToValue(document, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        List<String> unknown = unknownFields(resource, type.getSimpleName());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("fields the Kubernetes model does not know: " + unknown);
        }
        return resource;
    }

    /** Paths of every field that landed in an {@code additionalProperties} map anywhere in the tree. */
    static List<String> unknownFields(Object root, String path) {
        List<String> found = new ArrayList<>();
        walk(root, path, found);
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key, found));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || getter.isDefault() || getter.getDeclaringClass().isInterface()) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> found.add(path + "." + key));
            } else {
                String field = getter.getName().substring(3);
                walk(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("reading " + getter, e);
        }
    }

    private static String key(JsonNode document) {
        return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    }
}
