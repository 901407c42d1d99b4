package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code k8s/} manifests as {@code kubectl kustomize} renders them (once per kustomization, cached), and the
 * lookups {@link KustomizeTest} checks them with: resources by kind and name, workloads, containers, environment
 * variables as the kubelet expands them, and where a Service's port lands. Stateless apart from the cache; thread-safe.
 */
final class Manifests {
    static final Path ROOT = repositoryRoot();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();
    private static final boolean KUBECTL_FOUND = kubectlFound();

    private Manifests() {}

    private static boolean kubectlFound() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            System.err.println("KustomizeTest: kubectl is not on the PATH (" + e.getMessage() + "); skipping");
            return false;
        }
    }

    static Path k8s() {
        return ROOT.resolve("k8s");
    }

    /**
     * The resources {@code kubectl kustomize k8s/DIR} renders. Without kubectl the calling test is skipped, with this
     * reason (per test rather than per class, so that Surefire counts them as skipped rather than as none).
     */
    static List<JsonNode> rendered(String dir) {
        assumeTrue(KUBECTL_FOUND, "kubectl is not on the PATH: the k8s/ manifests were not rendered nor checked");
        return RENDERED.computeIfAbsent(dir, d -> {
            try {
                Process p = new ProcessBuilder(
                                "kubectl", "kustomize", k8s().resolve(d).toString())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize k8s/" + d + " failed: " + out);
                }
                return YAML.readerFor(JsonNode.class).<JsonNode>readValues(out).readAll().stream()
                        .filter(n -> !n.isNull() && !n.isMissingNode())
                        .toList();
            } catch (IOException e) {
                throw new AssertionError("kubectl kustomize k8s/" + d + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    static Optional<JsonNode> find(String dir, String kind, String name) {
        return rendered(dir).stream()
                .filter(r -> r.path("kind").asText().equals(kind) && name(r).equals(name))
                .findFirst();
    }

    static JsonNode service(String dir, String name) {
        return find(dir, "Service", name).orElseThrow(() -> new AssertionError(dir + ": no Service " + name));
    }

    static List<JsonNode> workloads(String dir) {
        return rendered(dir).stream()
                .filter(r -> Set.of("Deployment", "StatefulSet", "DaemonSet")
                        .contains(r.path("kind").asText()))
                .toList();
    }

    static List<JsonNode> containers(JsonNode workload) {
        List<JsonNode> list = new ArrayList<>();
        workload.path("spec").path("template").path("spec").path("containers").forEach(list::add);
        return list;
    }

    static List<JsonNode> allContainers(JsonNode pod) {
        List<JsonNode> list = new ArrayList<>();
        pod.path("initContainers").forEach(list::add);
        pod.path("containers").forEach(list::add);
        return list;
    }

    static boolean imageIs(JsonNode container, String repository) {
        String image = container.path("image").asText().replaceAll("[@:][^/]*$", "");
        return image.equals(repository) || image.endsWith("/" + repository);
    }

    static JsonNode workloadWithImage(String dir, String repository) {
        List<JsonNode> found = workloads(dir).stream()
                .filter(w -> containers(w).stream().anyMatch(c -> imageIs(c, repository)))
                .toList();
        assertThat(found).as(dir + ": workloads running " + repository).hasSize(1);
        return found.getFirst();
    }

    static Optional<JsonNode> envVar(JsonNode container, String name) {
        for (JsonNode var : container.path("env")) {
            if (var.path("name").asText().equals(name)) {
                return Optional.of(var);
            }
        }
        return Optional.empty();
    }

    /** The literal value as written, $(VAR) references unexpanded. */
    static Optional<String> raw(JsonNode container, String name) {
        return envVar(container, name).filter(v -> v.has("value")).map(v -> v.path("value")
                .asText());
    }

    /** The value with $(VAR) references to earlier literal variables expanded, as the kubelet does. */
    static Optional<String> value(JsonNode container, String name) {
        Optional<String> raw = raw(container, name);
        if (raw.isEmpty()) {
            return raw;
        }
        Matcher m = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)").matcher(raw.get());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out, Matcher.quoteReplacement(raw(container, m.group(1)).orElse(m.group())));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    static String fieldPath(JsonNode container, String name) {
        return envVar(container, name)
                .map(v -> v.path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .orElse("");
    }

    /** "secret-name/key" of a variable set from a Secret. */
    static Optional<String> secretRef(JsonNode container, String name) {
        return envVar(container, name)
                .map(v -> v.path("valueFrom").path("secretKeyRef"))
                .filter(r -> !r.isMissingNode())
                .map(r -> r.path("name").asText() + "/" + r.path("key").asText());
    }

    /** The container port a probe's or Service's port (number or name) means in {@code container}. */
    static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no port named " + port.asText());
    }

    /**
     * Where {@code host:port} lands: the Service named {@code host} must select {@code workload}'s pods and expose
     * {@code port}; returns {container, containerPort} of the pod port it forwards to.
     */
    static JsonNode reach(String dir, String host, int port, JsonNode workload) {
        JsonNode service = service(dir, host);
        JsonNode labels =
                workload.path("spec").path("template").path("metadata").path("labels");
        JsonNode selector = service.path("spec").path("selector");
        assertThat(selector.isEmpty())
                .as(dir + ": Service " + host + " has a selector")
                .isFalse();
        selector.properties().forEach(e -> assertThat(labels.path(e.getKey()).asText())
                .as(dir + ": Service " + host + " selects " + name(workload))
                .isEqualTo(e.getValue().asText()));
        for (JsonNode p : service.path("spec").path("ports")) {
            if (p.path("port").asInt() == port) {
                JsonNode targetPort = p.has("targetPort") ? p.path("targetPort") : p.path("port");
                for (JsonNode container : containers(workload)) {
                    for (JsonNode cp : container.path("ports")) {
                        boolean match = targetPort.isInt()
                                ? cp.path("containerPort").asInt() == targetPort.asInt()
                                : cp.path("name").asText().equals(targetPort.asText());
                        if (match) {
                            return YAML.createObjectNode()
                                    .put("container", container.path("name").asText())
                                    .put(
                                            "containerPort",
                                            cp.path("containerPort").asInt());
                        }
                    }
                }
                throw new AssertionError(dir + ": Service " + host + " port " + port + " targets " + targetPort
                        + ", which no container of " + name(workload) + " declares");
            }
        }
        throw new AssertionError(dir + ": Service " + host + " has no port " + port);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s/base"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no k8s/base above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
