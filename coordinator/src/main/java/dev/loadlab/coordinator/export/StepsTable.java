package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RequestView;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.search.GeneratorRule;
import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.coordinator.steady.Steadiness;
import dev.loadlab.protocol.result.LatencyMs;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML export's steps: one row per step with every figure the API gives, each column header naming its unit and
 * carrying (as its tooltip, and written out below the table) how the figure was measured; the generator-bound,
 * unsteady and degraded flags are words in the row, not only colours. Then each step's figures per request name.
 * Stateless.
 */
final class StepsTable {
    /** The measurement notes written out below the table, in this order. */
    static final List<String> METHODS = List.of(
            "requests",
            "throughputRps",
            "latencyMs",
            "errors",
            "targetCpuCores",
            "startSkewMs",
            "generatorBound",
            "underLoaded",
            "steadiness",
            "slo",
            "search");

    private StepsTable() {}

    static void write(Markup html, RunView run) {
        Map<String, String> how = run.measurement() == null ? Map.of() : run.measurement();
        html.open("section", "id", "steps", "aria-label", "steps");
        html.element("h2", "Steps");
        List<StepView> steps = run.steps() == null ? List.of() : run.steps();
        if (steps.isEmpty()) {
            html.element("p", "No finished step.", "class", "muted");
            html.close("section");
            return;
        }
        boolean search = steps.stream().anyMatch(s -> s.search() != null);
        html.open("div", "class", "scroll").open("table", "class", "steps");
        html.element(
                "caption",
                "Each finished step. A column header names the unit; its tooltip, and the list below the table, say"
                        + " how the figure was measured.");
        html.open("thead").open("tr");
        header(html, "Step", null);
        header(html, "Profile", null);
        header(html, "W (workers)", null);
        header(html, "Repeat", null);
        header(html, "Status", null);
        header(html, "Measured s", how.get("throughputRps"));
        header(html, "Throughput req/s", how.get("throughputRps"));
        header(html, "Requests", how.get("requests"));
        header(html, "Errors", how.get("errors"));
        header(html, "Error rate %", how.get("errors"));
        for (String p : List.of("p50", "p90", "p99", "p99.9", "max", "mean")) {
            header(html, p + " ms", how.get("latencyMs"));
        }
        header(html, "Warm-up requests", how.get("requests"));
        header(html, "Target cores", how.get("targetCpuCores"));
        header(html, "Agents", null);
        header(html, "Start skew ms", how.get("startSkewMs"));
        header(html, "Generator", how.get("generatorBound"));
        header(html, "Steady", how.get("steadiness"));
        header(html, "SLO", how.get("slo"));
        if (search) {
            header(html, "Knee req/s", how.get("search"));
        }
        html.close("tr").close("thead").open("tbody");
        for (StepView step : steps) {
            row(html, step, search);
        }
        html.close("tbody").close("table").close("div");
        methods(html, how);
        requests(html, steps);
        html.close("section");
    }

    private static void header(Markup html, String text, String method) {
        html.element("th", text, "scope", "col", "title", method);
    }

    private static void row(Markup html, StepView step, boolean search) {
        html.open("tr", "id", "step-" + step.index(), "data-step", Integer.toString(step.index()));
        cell(html, Integer.toString(step.index()), "num");
        cell(html, step.profile() == null ? "as is" : step.profile(), null);
        cell(html, Figures.whole(step.workers()), "num");
        cell(html, Integer.toString(step.repeat() + 1), "num");
        status(html, step);
        LatencyMs latency = step.latencyMs();
        cell(html, Figures.number(step.measuredSeconds(), 1), "num");
        cell(html, Figures.rps(step.throughputRps()), "num");
        cell(html, Long.toString(step.requests()), "num");
        cell(html, Long.toString(step.errors()), "num");
        cell(
                html,
                step.requests() == 0 ? Figures.DASH : Figures.number(100.0 * step.errors() / step.requests(), 2),
                "num");
        if (latency == null) {
            for (int i = 0; i < 6; i++) {
                cell(html, Figures.DASH, "num");
            }
        } else {
            for (long ms : new long[] {latency.p50(), latency.p90(), latency.p99(), latency.p999(), latency.max()}) {
                cell(html, Long.toString(ms), "num");
            }
            cell(html, Figures.number(latency.mean(), 1), "num");
        }
        cell(html, Long.toString(step.warmupRequests()), "num");
        cell(html, Figures.number(step.targetCpuCores(), 2), "num");
        cell(html, Integer.toString(step.agents()), "num");
        cell(html, Figures.whole(step.startSkewMs()), "num");
        generator(html, step);
        steadiness(html, step.steadiness());
        slo(html, step.slo());
        if (search) {
            cell(
                    html,
                    step.search() == null
                            ? Figures.DASH
                            : Figures.rps(step.search().kneeRateRps()),
                    "num");
        }
        html.close("tr");
    }

    private static void cell(Markup html, String text, String kind) {
        html.element("td", text, "class", kind);
    }

    /** The status, flagged "degraded" with the agents it lost, or with the step's failure. */
    private static void status(Markup html, StepView step) {
        html.open("td", "class", "status-" + step.status());
        if (step.status() == StepStatus.DEGRADED) {
            html.element("span", "DEGRADED", "class", "flag", "data-flag", "degraded");
        } else {
            html.text(step.status().name());
        }
        if (step.agentsLost() != null && !step.agentsLost().isEmpty()) {
            html.element("div", "lost agents: " + String.join(", ", step.agentsLost()), "class", "flag");
        }
        if (step.failure() != null && !step.failure().isBlank()) {
            html.element("div", step.failure(), "class", "muted");
        }
        html.close("td");
    }

    private static void generator(Markup html, StepView step) {
        html.open("td");
        if (step.generatorBound()) {
            String rules =
                    step.generatorRules().stream().map(GeneratorRule::rule).collect(Collectors.joining(", "));
            html.element(
                    "span",
                    "generator-bound" + (rules.isEmpty() ? "" : " (" + rules + ")"),
                    "class",
                    "flag",
                    "data-flag",
                    "generator-bound");
            String detail = step.generatorReason() != null
                    ? step.generatorReason()
                    : step.generatorRules().stream().map(GeneratorRule::detail).collect(Collectors.joining("; "));
            html.element("div", detail, "class", "muted");
        } else if (step.underLoaded()) {
            html.element("span", "under-loaded", "class", "muted");
            html.element("div", step.underLoadedReason(), "class", "muted");
        } else {
            html.text("ok");
        }
        html.close("td");
    }

    private static void steadiness(Markup html, Steadiness steadiness) {
        html.open("td");
        if (steadiness == null) {
            html.element("span", "not judged", "class", "muted");
        } else if (steadiness.unsteady()) {
            html.element("span", "unsteady", "class", "flag", "data-flag", "unsteady");
            html.element("div", steadiness.reason(), "class", "muted");
        } else {
            html.text("steady");
            Steadiness.Series t = steadiness.throughput();
            if (t != null) {
                html.element(
                        "div",
                        "CV " + Figures.percent(t.cv(), 1) + ", drift " + (t.drift() >= 0 ? "+" : "")
                                + Figures.percent(t.drift(), 1) + " over " + t.seconds() + " s",
                        "class",
                        "muted");
            }
        }
        html.close("td");
    }

    private static void slo(Markup html, SloVerdict slo) {
        if (slo == null) {
            cell(html, Figures.DASH, null);
            return;
        }
        String outcome = slo.outcome().name().toLowerCase(Locale.ROOT);
        html.open("td", "class", "slo-" + outcome);
        html.element("span", outcome, "class", slo.outcome() == SloVerdict.Outcome.PASSED ? "passed" : "flag");
        if (!slo.reasons().isEmpty()) {
            html.element("div", String.join("; ", slo.reasons()), "class", "muted");
        }
        html.close("td");
    }

    private static void methods(Markup html, Map<String, String> how) {
        List<String> keys = METHODS.stream().filter(how::containsKey).toList();
        if (keys.isEmpty()) {
            return;
        }
        html.element("h3", "How these figures were measured");
        html.open("dl", "class", "how-list");
        for (String key : keys) {
            html.element("dt", key).element("dd", how.get(key));
        }
        html.close("dl");
    }

    private static void requests(Markup html, List<StepView> steps) {
        if (steps.stream().allMatch(s -> s.byRequest() == null || s.byRequest().isEmpty())) {
            return;
        }
        html.element("h3", "Per request name");
        html.open("div", "class", "scroll").open("table", "class", "requests");
        html.element("caption", "Each step's figures per request name; latency in ms from the merged histograms.");
        html.open("thead").open("tr");
        for (String column : List.of("Step", "Request", "Requests", "Errors", "p50 ms", "p90 ms", "p99 ms", "max ms")) {
            header(html, column, null);
        }
        html.close("tr").close("thead").open("tbody");
        for (StepView step : steps) {
            if (step.byRequest() == null) {
                continue;
            }
            for (Map.Entry<String, RequestView> entry : step.byRequest().entrySet()) {
                RequestView request = entry.getValue();
                LatencyMs l = request.latencyMs() == null ? LatencyMs.EMPTY : request.latencyMs();
                html.open("tr");
                cell(html, Integer.toString(step.index()), "num");
                cell(html, entry.getKey(), "mono");
                cell(html, Long.toString(request.requests()), "num");
                cell(html, Long.toString(request.errors()), "num");
                for (long ms : new long[] {l.p50(), l.p90(), l.p99(), l.max()}) {
                    cell(html, Long.toString(ms), "num");
                }
                html.close("tr");
            }
        }
        html.close("tbody").close("table").close("div");
    }
}
