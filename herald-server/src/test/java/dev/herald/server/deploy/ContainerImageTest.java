package dev.herald.server.deploy;

import dev.herald.server.HeraldApplication;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jib image as herald-server's pom describes it (the base image cannot be pulled here, so the build itself
 * is not run): non-root, container-aware JVM, the data dir on a volume, and never part of {@code verify}.
 */
class ContainerImageTest {

    private final Element jib = jibPlugin(DeployFolder.repositoryRoot().resolve("herald-server/pom.xml"));

    @Test
    void theImageRunsHeraldOnAJava21OrNewerRuntimeAsANonRootUser() {
        assertThat(text(jib, "from", "image")).matches("eclipse-temurin:(2[1-9]|[3-9]\\d)-jre.*");
        assertThat(text(jib, "container", "mainClass")).isEqualTo(HeraldApplication.class.getName());
        String user = text(jib, "container", "user");
        assertThat(user.split(":")[0]).isNotIn("", "0", "root");
    }

    @Test
    void theJvmSizesItselfFromTheContainerAndExitsWhenOutOfMemory() {
        List<String> flags = texts(child(jib, "container", "jvmFlags"));

        assertThat(flags).anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="))
                .contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theDataDirectoryIsAVolumeAtTheMountThePodsUse() {
        String dataDir = text(jib, "container", "environment", "HERALD_DATA_DIR");

        assertThat(texts(child(jib, "container", "volumes"))).containsExactly(dataDir);
        assertThat(texts(child(jib, "container", "ports"))).containsExactly("8080");
        assertThat(DeployFolder.repositoryRoot().resolve("herald-server/src/main/jib" + dataDir)).isDirectory();
        Deployment worker = StrictKubernetesModel.read(
                DeployFolder.documents(DeployFolder.path("kubernetes/worker-deployment.yaml")).getFirst(),
                Deployment.class);
        assertThat(worker.getSpec().getTemplate().getSpec().getContainers().getFirst().getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo(dataDir));
    }

    @Test
    void verifyNeverBuildsAnImageAndOnlyTheServerModuleWouldBuildOne() {
        assertThat(child(jib, "executions")).as("no execution binds Jib to a phase").isNull();
        assertThat(text(jib, "skip")).isEqualTo("false");

        Element inherited = jibPlugin(DeployFolder.repositoryRoot().resolve("pom.xml"));
        assertThat(child(inherited, "executions")).isNull();
        assertThat(text(inherited, "skip")).as("every other module skips jib:buildTar").isEqualTo("true");
    }

    /** The jib-maven-plugin's configuration under build/plugins of a pom. */
    private static Element jibPlugin(Path pom) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(pom.toFile());
            Element plugins = child(document.getDocumentElement(), "build", "plugins");
            for (Element plugin : elements(plugins)) {
                if (text(plugin, "artifactId").equals("jib-maven-plugin")) {
                    Element configuration = child(plugin, "configuration");
                    Element executions = child(plugin, "executions");
                    if (executions != null) {
                        configuration.appendChild(executions.cloneNode(true));
                    }
                    return configuration;
                }
            }
            throw new AssertionError("no jib-maven-plugin in build/plugins of " + pom);
        } catch (Exception e) {
            throw new AssertionError("reading " + pom, e);
        }
    }

    private static Element child(Element parent, String... path) {
        Element current = parent;
        for (String name : path) {
            if (current == null) {
                return null;
            }
            current = elements(current).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElse(null);
        }
        return current;
    }

    private static String text(Element parent, String... path) {
        Element element = child(parent, path);
        assertThat(element).as(String.join("/", path)).isNotNull();
        return element.getTextContent().trim();
    }

    private static List<String> texts(Element parent) {
        assertThat(parent).isNotNull();
        return elements(parent).stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                found.add((Element) children.item(i));
            }
        }
        return found;
    }
}
