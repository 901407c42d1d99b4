package dev.loadlab.it;

import static dev.loadlab.it.Manifests.ROOT;
import static dev.loadlab.it.Manifests.YAML;
import static dev.loadlab.it.Manifests.allContainers;
import static dev.loadlab.it.Manifests.containerPort;
import static dev.loadlab.it.Manifests.containers;
import static dev.loadlab.it.Manifests.fieldPath;
import static dev.loadlab.it.Manifests.find;
import static dev.loadlab.it.Manifests.imageIs;
import static dev.loadlab.it.Manifests.k8s;
import static dev.loadlab.it.Manifests.name;
import static dev.loadlab.it.Manifests.raw;
import static dev.loadlab.it.Manifests.reach;
import static dev.loadlab.it.Manifests.secretRef;
import static dev.loadlab.it.Manifests.service;
import static dev.loadlab.it.Manifests.value;
import static dev.loadlab.it.Manifests.workloadWithImage;
import static dev.loadlab.it.Manifests.workloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.targethost.TargetConfig;
import dev.loadlab.targethost.host.HostConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests under {@code k8s/} agree with the code they deploy, so that either side drifting fails the
 * build: every variable and flag given to a LoadLab container is an option its {@code *Main} reads, the agents join
 * the coordinator's Hazelcast port through a Service that selects it, the coordinator's JDBC URL, target URLs and
 * secrets name what PostgreSQL and the target host are given, probes hit the health routes on the HTTP port, every
 * secret referenced exists, every container is bounded and not root. Renders each kustomization with {@code kubectl
 * kustomize} (offline; skipped, saying so, without kubectl). No cluster, no images: this checks wiring, not running.
 */
class KustomizeTest {

    /** Variables a container may get that are not LoadLab options: the downward API's and the JVM's own. */
    private static final Set<String> NOT_OPTIONS = Set.of("POD_IP", "POD_NAME", "JAVA_TOOL_OPTIONS");

    /**
     * Options the manifests wire ahead of the code: tolerated (with a warning) while absent from the service's
     * {@code *Main}, checked like any other once present. Remove an entry once its option has landed.
     */
    private static final Map<String, String> NOT_YET_IN_CODE = Map.of();

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/scale"})
    void everyVariableAndFlagGivenToALoadLabContainerIsAnOptionOfThatService(String dir) throws Exception {
        for (LoadLabImage service : LoadLabImage.values()) {
            JsonNode container = container(dir, service);
            Set<String> environment = service.environment();
            Set<String> defined = new HashSet<>();
            for (JsonNode var : container.path("env")) {
                String name = var.path("name").asText();
                String where = dir + ": " + service + " env " + name;
                Matcher ref = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)")
                        .matcher(var.path("value").asText());
                while (ref.find()) {
                    assertThat(defined)
                            .as(where + " refers to $(" + ref.group(1) + "), defined before it")
                            .contains(ref.group(1));
                }
                defined.add(name);
                if (NOT_OPTIONS.contains(name) || environment.contains(name)) {
                    continue;
                }
                if (NOT_YET_IN_CODE.containsKey(name)) {
                    System.err.println("KustomizeTest: " + where + " is not read by " + service.main.getSimpleName()
                            + " yet (" + NOT_YET_IN_CODE.get(name) + ")");
                    continue;
                }
                fail(where + " is no option of " + service.main.getName() + ", which reads " + environment);
            }
            assertThat(container.path("envFrom").isEmpty())
                    .as(dir + ": " + service + " envFrom would hide which variables it gets")
                    .isTrue();
            List<String> words = new ArrayList<>();
            container.path("command").forEach(w -> words.add(w.asText()));
            container.path("args").forEach(w -> words.add(w.asText()));
            Set<String> flags = service.flags();
            for (String word : words) {
                if (word.startsWith("-")) {
                    assertThat(flags)
                            .as(dir + ": " + service + " argument " + word)
                            .contains(word.split("=", 2)[0]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/scale"})
    void agentsJoinTheCoordinatorsHazelcastPortThroughAServiceThatSelectsIt(String dir) {
        JsonNode coordinator = container(dir, LoadLabImage.COORDINATOR);
        JsonNode agent = container(dir, LoadLabImage.AGENT);
        String join = value(agent, "LOADLAB_JOIN").orElseThrow();
        String host = join.substring(0, join.lastIndexOf(':'));
        int port = Integer.parseInt(join.substring(join.lastIndexOf(':') + 1));
        JsonNode reached = reach(dir, host, port, workload(dir, LoadLabImage.COORDINATOR));
        int hazelcastPort =
                Integer.parseInt(value(coordinator, "LOADLAB_HAZELCAST_PORT").orElse("5701"));
        assertThat(reached.path("containerPort").asInt())
                .as(dir + ": LOADLAB_JOIN=" + join + " reaches the coordinator's LOADLAB_HAZELCAST_PORT")
                .isEqualTo(hazelcastPort);
        assertThat(value(agent, "LOADLAB_CLUSTER_NAME").orElse("loadlab"))
                .as(dir + ": agents and coordinator use one cluster name")
                .isEqualTo(value(coordinator, "LOADLAB_CLUSTER_NAME").orElse("loadlab"));
        // Members connect both ways, to the address each binds and announces: the pod's IP, never loopback.
        assertPodIp(dir, coordinator, "LOADLAB_HAZELCAST_HOST");
        assertPodIp(dir, agent, "LOADLAB_AGENT_HOST");
        assertThat(raw(agent, "LOADLAB_AGENT_ID").orElseThrow())
                .as(dir + ": each agent's id is its own pod's name")
                .isEqualTo("$(POD_NAME)");
        assertThat(fieldPath(agent, "POD_NAME")).isEqualTo("metadata.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/scale"})
    void theCoordinatorsDatabaseIsThePostgresServiceWithItsUserDatabaseAndPassword(String dir) {
        JsonNode coordinator = container(dir, LoadLabImage.COORDINATOR);
        URI url = URI.create(value(coordinator, "LOADLAB_DATABASE_URL")
                .orElseThrow(() -> new AssertionError(dir + ": no LOADLAB_DATABASE_URL: the coordinator would start an"
                        + " embedded PostgreSQL inside its pod"))
                .substring("jdbc:".length()));
        assertThat(url.getScheme()).isEqualTo("postgresql");
        JsonNode postgresWorkload = workloadWithImage(dir, "postgres");
        JsonNode reached = reach(dir, url.getHost(), url.getPort(), postgresWorkload);
        assertThat(reached.path("containerPort").asInt()).isEqualTo(5432);
        JsonNode postgres = containers(postgresWorkload).getFirst();
        assertThat(url.getPath()).isEqualTo("/" + value(postgres, "POSTGRES_DB").orElseThrow());
        assertThat(value(coordinator, "LOADLAB_DATABASE_USER")).isEqualTo(value(postgres, "POSTGRES_USER"));
        for (JsonNode init : workload(dir, LoadLabImage.COORDINATOR)
                .path("spec")
                .path("template")
                .path("spec")
                .path("initContainers")) {
            assertThat(init.path("command").toString() + init.path("args"))
                    .as(dir + ": init container " + init.path("name") + " waits for the database host")
                    .contains(url.getHost());
        }
        assertThat(secretRef(coordinator, "LOADLAB_DATABASE_PASSWORD"))
                .as(dir + ": the coordinator's database password is PostgreSQL's")
                .isEqualTo(secretRef(postgres, "POSTGRES_PASSWORD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/scale"})
    void theBuiltInScenariosTargetTheTargetHostsServiceAllowlistedWithItsControlToken(String dir) {
        JsonNode coordinator = container(dir, LoadLabImage.COORDINATOR);
        JsonNode target = container(dir, LoadLabImage.TARGET);
        JsonNode targetWorkload = workload(dir, LoadLabImage.TARGET);
        List<String> allowed = Arrays.stream(
                        value(coordinator, "LOADLAB_ALLOWED_TARGETS").orElse("").split(","))
                .map(String::trim)
                .toList();
        Map<String, String> urls = Map.of(
                "LOADLAB_TARGET_URL", TargetConfig.PORT_ENV, "LOADLAB_TARGET_CONTROL_URL", HostConfig.CONTROL_PORT_ENV);
        for (Map.Entry<String, String> e : urls.entrySet()) {
            URI url = URI.create(value(coordinator, e.getKey()).orElseThrow());
            int listens = Integer.parseInt(value(target, e.getValue()).orElseThrow());
            JsonNode port = reach(dir, url.getHost(), url.getPort(), targetWorkload);
            assertThat(port.path("container").asText())
                    .as(dir + ": " + e.getKey() + " " + url + " reaches the target container itself")
                    .isEqualTo(target.path("name").asText());
            assertThat(port.path("containerPort").asInt())
                    .as(dir + ": " + e.getKey() + " " + url + " reaches " + e.getValue())
                    .isEqualTo(listens);
            assertThat(allowed).as(dir + ": the allowlist has " + url.getHost()).contains(url.getHost());
        }
        assertThat(value(target, TargetConfig.BIND_HOST_ENV))
                .as(dir + ": the target listens beyond its pod's loopback, where the agents' pods reach it")
                .hasValueSatisfying(host -> assertThat(host).isNotIn("127.0.0.1", "localhost", "::1"));
        assertThat(secretRef(coordinator, "LOADLAB_TARGET_CONTROL_TOKEN"))
                .as(dir + ": the coordinator sends the token the target host checks")
                .isEqualTo(secretRef(target, HostConfig.CONTROL_TOKEN_ENV));
        assertThat(secretRef(coordinator, "LOADLAB_API_TOKEN"))
                .as(dir + ": the API token")
                .isPresent();
        assertThat(secretRef(coordinator, "LOADLAB_SECRET_KEY"))
                .as(dir + ": the key of stored secrets, which must outlive the pod")
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/scale"})
    void coordinatorProbesHitTheHealthRoutesOnItsHttpPort(String dir) throws IOException {
        String routes =
                Files.readString(ROOT.resolve("coordinator/src/main/java/dev/loadlab/coordinator/http/HttpApi.java"));
        JsonNode coordinator = container(dir, LoadLabImage.COORDINATOR);
        int httpPort = Integer.parseInt(value(coordinator, "LOADLAB_HTTP_PORT").orElse("7070"));
        assertThat(value(coordinator, "LOADLAB_HTTP_HOST").orElse("127.0.0.1"))
                .as(dir + ": the kubelet probes the pod IP, so the API must not listen on loopback only")
                .isIn("0.0.0.0", "$(POD_IP)");
        Map<String, String> expected = Map.of(
                "livenessProbe", "/health/live", "readinessProbe", "/health/ready", "startupProbe", "/health/live");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode probe = coordinator.path(e.getKey());
            if (probe.isMissingNode() && e.getKey().equals("startupProbe")) {
                continue;
            }
            assertThat(probe.path("httpGet").path("path").asText())
                    .as(dir + ": " + e.getKey())
                    .isEqualTo(e.getValue());
            assertThat(containerPort(coordinator, probe.path("httpGet").path("port")))
                    .as(dir + ": " + e.getKey() + " port")
                    .isEqualTo(httpPort);
            assertThat(routes).as("HttpApi serves " + e.getValue()).contains("\"" + e.getValue() + "\"");
        }
        JsonNode api = service(dir, "loadlab-coordinator");
        assertThat(reach(dir, "loadlab-coordinator", httpPort, workload(dir, LoadLabImage.COORDINATOR))
                        .path("containerPort")
                        .asInt())
                .as(dir + ": Service loadlab-coordinator " + api.path("spec").path("ports"))
                .isEqualTo(httpPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/scale"})
    void everySecretAndConfigMapReferencedExistsWithItsKey(String dir) {
        for (JsonNode workload : workloads(dir)) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            for (JsonNode container : allContainers(pod)) {
                for (JsonNode var : container.path("env")) {
                    JsonNode from = var.path("valueFrom");
                    for (String kind : List.of("Secret", "ConfigMap")) {
                        JsonNode ref = from.path(kind.equals("Secret") ? "secretKeyRef" : "configMapKeyRef");
                        if (!ref.isMissingNode()) {
                            String name = ref.path("name").asText();
                            JsonNode found = find(dir, kind, name)
                                    .orElseThrow(() -> new AssertionError(dir + ": " + name(workload) + " env "
                                            + var.path("name").asText() + " refers to a missing " + kind + " " + name));
                            assertThat(found.path("data").has(ref.path("key").asText()))
                                    .as(dir + ": " + kind + " " + name + " has key " + ref.path("key"))
                                    .isTrue();
                        }
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret")) {
                    assertThat(find(
                                    dir,
                                    "Secret",
                                    volume.path("secret").path("secretName").asText()))
                            .isPresent();
                }
                if (volume.has("configMap")) {
                    assertThat(find(
                                    dir,
                                    "ConfigMap",
                                    volume.path("configMap").path("name").asText()))
                            .as(dir + ": " + name(workload) + " volume " + volume.path("name"))
                            .isPresent();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/scale"})
    void everyContainerIsBoundedAndNotRootAndCannotEscalate(String dir) {
        for (JsonNode workload : workloads(dir)) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            for (JsonNode container : allContainers(pod)) {
                String where = dir + ": " + name(workload) + "/"
                        + container.path("name").asText();
                JsonNode security = container.path("securityContext");
                JsonNode resources = container.path("resources");
                for (String bound : List.of("requests", "limits")) {
                    for (String what : List.of("cpu", "memory")) {
                        assertThat(resources.path(bound).hasNonNull(what))
                                .as(where + " resources." + bound + "." + what)
                                .isTrue();
                    }
                }
                assertThat(security.path("runAsNonRoot")
                                .asBoolean(podSecurity.path("runAsNonRoot").asBoolean()))
                        .as(where + " runAsNonRoot")
                        .isTrue();
                assertThat(security.path("runAsUser")
                                .asInt(podSecurity.path("runAsUser").asInt(0)))
                        .as(where + " runAsUser")
                        .isPositive();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                        .as(where + " allowPrivilegeEscalation")
                        .isFalse();
                assertThat(security.path("privileged").asBoolean(false))
                        .as(where + " privileged")
                        .isFalse();
            }
        }
        // The agent counts its cores from the CPU limit to flag a generator-bound step, and the target host's workers
        // share one quota: whole cores, requests equal to limits, so neither is throttled below what it was told.
        for (LoadLabImage service : List.of(LoadLabImage.AGENT, LoadLabImage.TARGET)) {
            JsonNode resources = container(dir, service).path("resources");
            assertThat(resources.path("requests")).as(dir + ": " + service).isEqualTo(resources.path("limits"));
            assertThat(resources.path("limits").path("cpu").asText())
                    .as(dir + ": " + service + " CPU limit in whole cores")
                    .matches("[1-9][0-9]*");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/scale"})
    void replicasAreWhatTheOverlaySaysAndThereIsOneCoordinatorAndOneTarget(String dir) throws IOException {
        JsonNode kustomization =
                YAML.readTree(k8s().resolve(dir).resolve("kustomization.yaml").toFile());
        assertThat(kustomization.path("namePrefix").isMissingNode()
                        && kustomization.path("nameSuffix").isMissingNode())
                .as(dir + ": the manifests address Services by their short names")
                .isTrue();
        assertThat(kustomization.path("replicas"))
                .as(dir + " says how many agents")
                .isNotEmpty();
        for (JsonNode replicas : kustomization.path("replicas")) {
            String name = replicas.path("name").asText();
            JsonNode workload = workloads(dir).stream()
                    .filter(w -> name(w).equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(dir + ": no workload " + name));
            assertThat(workload.path("spec").path("replicas").asInt())
                    .as(dir + ": " + name)
                    .isEqualTo(replicas.path("count").asInt());
        }
        for (LoadLabImage single : List.of(LoadLabImage.COORDINATOR, LoadLabImage.TARGET)) {
            JsonNode workload = workload(dir, single);
            assertThat(workload.path("spec").path("replicas").asInt(1))
                    .as(dir + ": " + single)
                    .isEqualTo(1);
            assertThat(workload.path("spec").path("strategy").path("type").asText())
                    .as(dir + ": " + single + " never runs twice during a rollout")
                    .isEqualTo("Recreate");
        }
        for (LoadLabImage service : LoadLabImage.values()) {
            String image = container(dir, service).path("image").asText();
            assertThat(image)
                    .as(dir + ": " + service + " image is tagged")
                    .matches(".*:[^/:]+")
                    .doesNotEndWith(":latest");
        }
    }

    @Test
    void theContainerfileCopiesTheJarsTheLauncherBuildsAndRunsThemAsItDoes() throws IOException {
        String containerfile = Files.readString(k8s().resolve("images/Containerfile"));
        String launcher = Files.readString(ROOT.resolve("loadlab"));
        assertThat(containerfile).contains("FROM eclipse-temurin:21-jre");
        for (LoadLabImage service : LoadLabImage.values()) {
            String stage = service.image.substring("loadlab/".length());
            Matcher m = Pattern.compile("(?s)FROM base AS " + stage + "\\n(.*?)(?:\\nFROM |$)")
                    .matcher(containerfile);
            assertThat(m.find()).as("Containerfile stage " + stage).isTrue();
            Matcher jar = Pattern.compile("COPY (\\S+/target/(\\S+\\.jar)) ").matcher(m.group(1));
            assertThat(jar.find()).as("stage " + stage + " copies a jar").isTrue();
            assertThat(launcher).as("./loadlab builds " + jar.group(1)).contains(jar.group(1));
            String module = jar.group(1).substring(0, jar.group(1).indexOf('/'));
            assertThat(m.group(1)).contains("COPY " + module + "/target/lib/ /opt/loadlab/lib/");
            assertThat(m.group(1))
                    .as("stage " + stage + " runs its jar as ./loadlab does (jvm_flags)")
                    .contains("ENTRYPOINT [\"java\", \"-XX:+UseSerialGC\", \"-jar\", \"/opt/loadlab/" + jar.group(2)
                            + "\"]");
        }
        assertThat(launcher).contains("local flags=(-XX:+UseSerialGC)");
    }

    // ---- the LoadLab containers in the rendered manifests

    private static JsonNode workload(String dir, LoadLabImage service) {
        return workloadWithImage(dir, service.image);
    }

    private static JsonNode container(String dir, LoadLabImage service) {
        return containers(workload(dir, service)).stream()
                .filter(c -> imageIs(c, service.image))
                .findFirst()
                .orElseThrow();
    }

    private static void assertPodIp(String dir, JsonNode container, String name) {
        assertThat(raw(container, name)).as(dir + ": " + name).contains("$(POD_IP)");
        assertThat(fieldPath(container, "POD_IP")).as(dir + ": POD_IP").isEqualTo("status.podIP");
    }
}
