package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RunVerdict;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.protocol.scenario.DurationText;
import dev.loadlab.protocol.scenario.Flow;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Slo;
import dev.loadlab.protocol.scenario.Stage;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML export's first sections, written on the server so they read without a script: the run (id, status, times,
 * failure), its scenario (target, workload, load, SLO) and its verdict with the findings behind it, worded as the
 * dashboard words them. Stateless.
 */
final class RunFacts {
    private RunFacts() {}

    static void write(Markup html, RunView run) {
        Scenario scenario = run.scenario();
        html.open("header");
        html.open("h1")
                .text(title(run) + " ")
                .element("span", statusText(run), "class", "status status-" + run.status());
        html.close("h1");
        html.element(
                "p",
                "LoadLab run report. Nothing in this file is fetched from a network: the charts are drawn by its"
                        + " own script, the tables need none. Steps are numbered from 0, as in the API and the verdict.",
                "class",
                "muted");
        html.close("header");
        html.open("section", "id", "run", "aria-label", "run");
        html.open("dl", "class", "facts");
        fact(html, "Run id", run.id());
        fact(html, "Status", statusText(run));
        fact(html, "Submitted", Figures.time(run.submittedAt()));
        fact(
                html,
                "Started · finished",
                Figures.time(run.startedAt()) + " · " + Figures.time(run.finishedAt()) + " ("
                        + Figures.elapsed(run.startedAt(), run.finishedAt()) + ")");
        if (run.failure() != null && !run.failure().isBlank()) {
            fact(html, "Failure", run.failure());
        }
        fact(html, "Labels", labels(run.labels()));
        html.close("dl");
        html.close("section");
        if (scenario != null) {
            scenario(html, run, scenario);
        }
        verdict(html, run);
    }

    static String title(RunView run) {
        return run.name() == null ? "run " + run.id() : run.name();
    }

    private static String statusText(RunView run) {
        return run.status() == null ? Figures.DASH : run.status().name();
    }

    private static void scenario(Markup html, RunView run, Scenario scenario) {
        html.open("section", "id", "scenario", "aria-label", "scenario");
        html.element("h2", "Scenario");
        html.open("dl", "class", "facts");
        fact(
                html,
                "Name",
                scenario.name()
                        + (run.scenarioVersion() == null ? "" : " (saved version " + run.scenarioVersion() + ")"));
        target(html, scenario.target());
        workload(html, scenario.workload());
        load(html, scenario.load());
        if (run.connections() != null) {
            fact(html, "Connections", run.connections());
        }
        fact(html, "Agents", Figures.whole(scenario.agents() == null ? 1 : scenario.agents()));
        fact(html, "Repeats", Figures.whole(scenario.repeats() == null ? 1 : scenario.repeats()));
        fact(html, "SLO", slo(scenario.slo()));
        html.close("dl");
        html.close("section");
    }

    private static void target(Markup html, Target target) {
        if (target == null) {
            return;
        }
        fact(html, "Target", target.baseUrl());
        if (target.profiles() != null && !target.profiles().isEmpty()) {
            fact(html, "Profiles", String.join(", ", target.profiles()));
        }
        if (target.workers() != null && !target.workers().isEmpty()) {
            fact(
                    html,
                    "Workers W (swept)",
                    target.workers().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (target.control() != null) {
            fact(html, "Target control", "switched before each step through the target host's control API");
        }
    }

    private static void workload(Markup html, Workload workload) {
        if (workload == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        if (workload.flows() != null) {
            workload.flows().forEach(flow -> lines.add(flow(flow)));
        } else if (workload.requests() != null) {
            workload.requests().forEach(request -> lines.add(request(request)));
        }
        html.open("dt").text(workload.flows() != null ? "Flows" : "Requests").close("dt");
        html.open("dd").open("ul", "class", "workload");
        lines.forEach(line -> html.element("li", line, "class", "mono"));
        html.close("ul");
        if (workload.dataset() != null) {
            html.text("dataset " + workload.dataset().name());
        }
        html.close("dd");
    }

    private static String request(RequestSpec request) {
        if (request.path() == null) {
            return "pause";
        }
        String weight = request.weight() != null && request.weight() != 1 ? " ×" + request.weight() : "";
        String name = request.name() == null ? "" : " (" + request.name() + ")";
        return (request.method() == null ? "GET" : request.method()) + " " + request.path() + weight + name;
    }

    private static String flow(Flow flow) {
        String weight = flow.weight() != null && flow.weight() != 1 ? " ×" + flow.weight() : "";
        String once = flow.once() == null || flow.once().isEmpty()
                ? ""
                : "once " + flow.once().stream().map(RunFacts::request).collect(Collectors.joining(" → ")) + " | ";
        String steps = flow.steps() == null
                ? ""
                : flow.steps().stream().map(RunFacts::request).collect(Collectors.joining(" → "));
        return flow.name() + weight + ": " + once + steps;
    }

    private static void load(Markup html, Load load) {
        if (load == null) {
            return;
        }
        String model = load.model() == null ? "" : load.model().wireName();
        String amount;
        if (load.stages() != null && !load.stages().isEmpty()) {
            amount = "stages " + load.stages().stream().map(RunFacts::stage).collect(Collectors.joining(" then "));
        } else if ("closed".equals(model)) {
            amount = load.users() + " users";
        } else {
            amount = ("search".equals(model) ? "from " : "") + Figures.rps(load.rate()) + " arrivals/s"
                    + (load.maxRate() == null ? "" : " up to " + Figures.rps(load.maxRate()) + " arrivals/s");
        }
        fact(
                html,
                "Load",
                model + " model, " + amount + ", warm-up " + duration(load.warmup()) + ", measured "
                        + duration(load.duration()));
    }

    private static String stage(Stage stage) {
        String level = stage.users() != null ? stage.users() + " users" : Figures.rps(stage.rate()) + "/s";
        List<String> parts = new ArrayList<>(List.of(level));
        if (stage.ramp() != null) {
            parts.add("ramp " + duration(stage.ramp()));
        }
        if (stage.hold() != null) {
            parts.add("hold " + duration(stage.hold()));
        }
        return String.join(", ", parts);
    }

    private static String duration(Duration duration) {
        return duration == null ? "0s" : DurationText.format(duration);
    }

    private static String slo(Slo slo) {
        if (slo == null || (slo.p99Ms() == null && slo.errorRate() == null)) {
            return "none";
        }
        List<String> rules = new ArrayList<>();
        if (slo.p99Ms() != null) {
            rules.add("p99 ≤ " + slo.p99Ms() + " ms");
        }
        if (slo.errorRate() != null) {
            rules.add("errors ≤ " + Figures.percent(slo.errorRate(), 2));
        }
        return String.join(" and ", rules);
    }

    private static void verdict(Markup html, RunView run) {
        RunVerdict verdict = run.verdict();
        String outcome = verdict == null ? "pending" : verdict.outcome().name().toLowerCase(Locale.ROOT);
        html.open("section", "id", "verdict", "class", "verdict", "data-verdict", outcome, "aria-label", "verdict");
        html.open("h2").text("Verdict: ").element("strong", outcome, "class", "verdict-" + outcome);
        html.close("h2");
        if (verdict == null) {
            html.element("p", "No verdict yet: the run is " + statusText(run) + " (a run is judged when it ends).");
        } else {
            html.element("p", verdict.reason());
            if (!verdict.steps().isEmpty()) {
                html.open("ul", "class", "findings");
                for (RunVerdict.StepFinding finding : verdict.steps()) {
                    html.element(
                            "li",
                            finding(finding),
                            "class",
                            "finding-" + finding.outcome().name().toLowerCase(Locale.ROOT));
                }
                html.close("ul");
            }
        }
        String method = run.measurement() == null ? null : run.measurement().get("verdict");
        if (method != null) {
            html.element("p", "How it is judged: " + method, "class", "how");
        }
        html.close("section");
    }

    /** "step 3 (threaded W=4, repeat 2): inconclusive: reason; reason", with steps numbered as the API numbers them. */
    private static String finding(RunVerdict.StepFinding finding) {
        String at = (finding.profile() == null ? "target" : finding.profile())
                + (finding.workers() == null ? "" : " W=" + finding.workers());
        String repeat = finding.repeat() > 0 ? ", repeat " + (finding.repeat() + 1) : "";
        return "step " + finding.index() + " (" + at + repeat + "): "
                + finding.outcome().name().toLowerCase(Locale.ROOT) + ": " + String.join("; ", finding.reasons());
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return Figures.DASH;
        }
        return labels.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static void fact(Markup html, String term, String value) {
        html.element("dt", term).element("dd", value == null ? Figures.DASH : value);
    }
}
