package dev.herald.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.convert.DurationStyle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy/kubernetes: every manifest reads strictly into the Kubernetes model, and the pieces fit together. */
class DeployManifestsTest {

    static Stream<Arguments> documents() {
        List<Arguments> all = new ArrayList<>();
        for (Path file : DeployFolder.kubernetesManifests()) {
            List<JsonNode> documents = DeployFolder.documents(file);
            for (int i = 0; i < documents.size(); i++) {
                all.add(Arguments.of(file.getFileName().toString(), i, documents.get(i)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} document {1}")
    @MethodSource("documents")
    void everyManifestReadsStrictly(String file, int index, JsonNode document) {
        if (document.path("apiVersion").asText().equals(ScaledObject.API_VERSION)) {
            ScaledObject scaledObject = StrictKubernetesModel.read(document, ScaledObject.class);
            assertThat(scaledObject.missing()).as(file).isEmpty();
            assertThat(StrictKubernetesModel.unknownFields(scaledObject.metadata(), "metadata")).isEmpty();
        } else {
            assertThat(StrictKubernetesModel.knows(document)).as(file + " kind").isTrue();
            assertThat(StrictKubernetesModel.read(document).getMetadata().getName()).as(file).isNotBlank();
        }
    }

    @Test
    void aMisspelledFieldIsRefusedWhereverItIs() {
        JsonNode deployment = DeployFolder.documents("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: x }
                spec:
                  replica: 2
                  selector: { matchLabels: { a: b } }
                  template:
                    metadata: { labels: { a: b } }
                    spec:
                      containers:
                        - name: c
                          image: i
                          readinessProbe: { httpGet: { path: /, prot: 8080 } }
                """).getFirst();

        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment))
                .hasMessageContaining("Deployment.spec.replica")
                .hasMessageContaining("readinessProbe.httpGet.prot");
    }

    @Test
    void aMisspelledScaledObjectFieldIsRefused() {
        JsonNode scaledObject = DeployFolder.documents("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: { name: x }
                spec:
                  scaleTargetRef: { name: herald-worker }
                  minReplicas: 1
                  triggers: [ { type: prometheus, metadata: { query: up } } ]
                """).getFirst();

        assertThatThrownBy(() -> StrictKubernetesModel.read(scaledObject, ScaledObject.class))
                .hasMessageContaining("minReplicas");
    }

    @Test
    void aScaledObjectWithoutWhatThePrometheusScalerNeedsIsReported() {
        JsonNode document = DeployFolder.documents("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: { name: x }
                spec:
                  scaleTargetRef: { name: herald-worker }
                  triggers: [ { type: prometheus, metadata: { query: herald_lane_depth, threshold: many } } ]
                """).getFirst();

        assertThat(StrictKubernetesModel.read(document, ScaledObject.class).missing()).containsExactly(
                "spec.triggers[0].metadata.serverAddress",
                "spec.triggers[0].metadata.threshold as a number in a string");
    }

    @Test
    void apiPodsNeverDispatchAndWorkerPodsDo() {
        assertThat(container(deployment("herald-api")).getArgs()).contains("--herald.roles=api");
        assertThat(container(deployment("herald-worker")).getArgs()).contains("--herald.roles=worker,events")
                .noneMatch(arg -> arg.startsWith("--herald.roles=") && arg.contains("api"));
    }

    @Test
    void bothRolesRunTheSameImageProbedOnReadinessAndLiveness() {
        Container api = container(deployment("herald-api"));
        Container worker = container(deployment("herald-worker"));

        assertThat(worker.getImage()).isEqualTo(api.getImage());
        for (Container container : List.of(api, worker)) {
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getPorts()).anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
        }
    }

    @Test
    void podsAreGivenLongerThanTheirWholeShutdown() {
        Duration shutdown = max(setting("herald", "worker", "shutdown-grace"),
                setting("spring", "lifecycle", "timeout-per-shutdown-phase"));
        for (Deployment deployment : List.of(deployment("herald-api"), deployment("herald-worker"))) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            var preStop = container(deployment).getLifecycle().getPreStop().getSleep();
            long needed = shutdown.toSeconds() + preStop.getSeconds();

            assertThat(pod.getTerminationGracePeriodSeconds()).as(deployment.getMetadata().getName())
                    .isGreaterThan(needed);
        }
    }

    @Test
    void secretsAreReferencedNeverWrittenDown() {
        assertThat(resources()).noneMatch(resource -> resource.getKind().equals("Secret"));
        for (Deployment deployment : List.of(deployment("herald-api"), deployment("herald-worker"))) {
            Map<String, EnvVar> env = new HashMap<>();
            container(deployment).getEnv().forEach(variable -> env.put(variable.getName(), variable));

            assertThat(env.get("SPRING_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("herald-database");
            assertThat(env.get("SMTP_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("herald-providers");
            var adminKey = env.get("HERALD_ADMIN_KEY").getValueFrom().getSecretKeyRef();
            assertThat(adminKey.getName()).isEqualTo("herald-admin");
            assertThat(adminKey.getOptional()).as("pods must not each generate an admin key").isNotEqualTo(Boolean.TRUE);
            assertThat(env.values()).allSatisfy(variable -> assertThat(variable.getValue())
                    .as(variable.getName() + " comes from a reference, not a value").isNull());
        }
    }

    @Test
    void theServiceSendsApiTrafficToApiPodsOnlyAndEachBudgetCoversOneRole() {
        Service service = only(Service.class, "herald");
        Map<String, String> apiLabels = podLabels(deployment("herald-api"));
        Map<String, String> workerLabels = podLabels(deployment("herald-worker"));

        assertThat(apiLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(workerLabels).doesNotContainEntry("app.kubernetes.io/component", "api");
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "api");

        assertThat(apiLabels).containsAllEntriesOf(
                only(PodDisruptionBudget.class, "herald-api").getSpec().getSelector().getMatchLabels());
        assertThat(workerLabels).containsAllEntriesOf(
                only(PodDisruptionBudget.class, "herald-worker").getSpec().getSelector().getMatchLabels());
    }

    @Test
    void workersScaleOnLaneDepthAndOldestDueAge() {
        List<ScaledObject> scaledObjects = scaledObjects();
        assertThat(scaledObjects).hasSize(1);
        ScaledObject scaler = scaledObjects.getFirst();

        assertThat(scaler.spec().scaleTargetRef().name()).isEqualTo(deployment("herald-worker").getMetadata().getName());
        assertThat(scaler.spec().triggers()).allSatisfy(trigger -> assertThat(trigger.type()).isEqualTo("prometheus"));
        assertThat(scaler.spec().triggers().stream()
                .flatMap(trigger -> PromQl.metricNames(trigger.metadata().get("query")).stream()))
                .contains("herald_lane_depth", "herald_lane_oldest_due_seconds")
                .allMatch(HeraldMetrics.seriesNames()::contains);
    }

    private static List<HasMetadata> resources() {
        List<HasMetadata> resources = new ArrayList<>();
        for (Path file : DeployFolder.kubernetesManifests()) {
            for (JsonNode document : DeployFolder.documents(file)) {
                if (StrictKubernetesModel.knows(document)) {
                    resources.add(StrictKubernetesModel.read(document));
                }
            }
        }
        return resources;
    }

    static List<ScaledObject> scaledObjects() {
        List<ScaledObject> found = new ArrayList<>();
        for (Path file : DeployFolder.kubernetesManifests()) {
            for (JsonNode document : DeployFolder.documents(file)) {
                if (document.path("apiVersion").asText().equals(ScaledObject.API_VERSION)) {
                    found.add(StrictKubernetesModel.read(document, ScaledObject.class));
                }
            }
        }
        return found;
    }

    private static <T extends HasMetadata> T only(Class<T> type, String name) {
        return resources().stream().filter(type::isInstance).map(type::cast)
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .reduce((a, b) -> {
                    throw new AssertionError("two " + type.getSimpleName() + " named " + name);
                })
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    private static Deployment deployment(String name) {
        return only(Deployment.class, name);
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    /** A duration from the image's application.yml, or from the ConfigMap's herald.yml where that sets it longer. */
    private static Duration setting(String... path) {
        JsonNode defaults = DeployFolder.documents(
                DeployFolder.repositoryRoot().resolve("herald-server/src/main/resources/application.yml")).getFirst();
        ConfigMap config = only(ConfigMap.class, "herald-config");
        String overrides = config.getData().getOrDefault("herald.yml", "");
        Duration value = DurationStyle.detectAndParse(at(defaults, path).asText());
        if (!overrides.isBlank() && !at(DeployFolder.documents(overrides).getFirst(), path).isMissingNode()) {
            value = max(value, DurationStyle.detectAndParse(at(DeployFolder.documents(overrides).getFirst(), path).asText()));
        }
        return value;
    }

    private static JsonNode at(JsonNode node, String... path) {
        for (String key : path) {
            node = node.path(key);
        }
        return node;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
