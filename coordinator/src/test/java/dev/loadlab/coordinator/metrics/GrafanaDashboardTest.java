package dev.loadlab.coordinator.metrics;

import static dev.loadlab.coordinator.metrics.MetricsFixture.latency;
import static dev.loadlab.coordinator.metrics.MetricsFixture.second;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunTally;
import dev.loadlab.coordinator.model.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard shipped under {@code k8s/observability/} queries only metrics that {@code /metrics} exposes,
 * and every family exposed has a panel: a renamed metric fails here, not on an operator's empty panel.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("../k8s/observability/grafana-dashboard.json");
    /** A metric name in PromQL: loadlab_ and the rest of the identifier (label names never start so). */
    private static final Pattern METRIC = Pattern.compile("\\bloadlab_[a-zA-Z0-9_:]*");

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws IOException {
        Set<String> exposed = exposedSampleNames();
        Set<String> queried = queriedMetrics(new ObjectMapper().readTree(DASHBOARD.toFile()));

        assertThat(queried).as("metrics the dashboard queries").isNotEmpty();
        assertThat(exposed).as("what /metrics exposes").containsAll(queried);
    }

    @Test
    void everyExposedFamilyHasAPanel() throws IOException {
        Set<String> queried = queriedMetrics(new ObjectMapper().readTree(DASHBOARD.toFile()));

        for (String family : MetricNames.ALL) {
            assertThat(queried)
                    .as("a panel for " + family)
                    .anyMatch(q -> q.equals(family) || q.startsWith(family + "_"));
        }
    }

    /** The sample names of a scrape in which every family has a series, as the text format writes them. */
    private static Set<String> exposedSampleNames() {
        CoordinatorMetrics metrics = new CoordinatorMetrics(
                () -> List.of(new RunTally.RunCount(RunStatus.SUCCEEDED, "passed", 1)), new AgentRegistry(), () -> 0);
        metrics.liveSecond(UUID.randomUUID(), "s", second(1, "r", 5, 1), Map.of("r", latency(3, 5)));
        metrics.stepFinished(StepStatus.SUCCEEDED, Duration.ofSeconds(3));
        metrics.storageFailed("store a step");
        Set<String> names = new TreeSet<>();
        for (String line : new String(metrics.scrape(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Every metric name in the panels' target expressions and the template variables' queries. */
    private static Set<String> queriedMetrics(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").isTextual())
                        .as("panel " + panel.path("title").asText() + " has a PromQL expr")
                        .isTrue();
                queries.add(target.get("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                queries.add(variable.path("query").asText());
            }
        }
        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }
}
