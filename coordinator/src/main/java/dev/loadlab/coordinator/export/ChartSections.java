package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.ScalingSeries;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.result.LatencyMs;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.ToLongFunction;

/**
 * The HTML export's chart sections: for each chart an empty {@code figure} ({@code data-chart} names what to draw,
 * {@code report.js} draws it with uPlot from the embedded run), and beside it the same figures as a table, so the
 * page says everything without a script. Scaling charts follow the dashboard: requests/s, p99 (and target cores, and
 * the knee for a search) against the swept worker count, one line per profile; a run without a sweep gets a sentence
 * instead. Then each step second by second. Stateless.
 */
final class ChartSections {
    /** The timeline table's latency columns after errors: p50, p99, max. */
    private static final List<ToLongFunction<LatencyMs>> TIMELINE_LATENCIES =
            List.of(LatencyMs::p50, LatencyMs::p99, LatencyMs::max);

    private static final String NO_SCRIPT = "This chart is drawn by the page's script; its figures are in the table.";

    private ChartSections() {}

    static void scaling(Markup html, RunView run) {
        html.open("section", "id", "scaling", "aria-label", "scaling");
        html.element("h2", "Scaling");
        List<ScalingSeries> series = run.series() == null ? List.of() : run.series();
        boolean swept = series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.workers() != null));
        if (series.isEmpty()) {
            html.element("p", "No finished step, so no scaling curve.", "class", "muted");
        } else if (!swept) {
            html.element(
                    "p",
                    "This run used the target as it was (no worker sweep), so there is no scaling curve; see the"
                            + " steps.",
                    "class",
                    "muted",
                    "id",
                    "no-sweep");
        } else {
            boolean search = series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.kneeRateRps() != null));
            boolean cores =
                    series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.targetCpuCores() != null));
            html.open("div", "class", "charts");
            figure(html, "Throughput by workers (median over repeats), requests/s", "series", "throughputRps", null);
            figure(html, "p99 latency by workers (median of the repeats' p99), ms", "series", "p99Ms", null);
            if (search) {
                figure(html, "Knee: highest rate meeting the SLO, requests/s", "series", "kneeRateRps", null);
            }
            if (cores) {
                figure(html, "Target CPU cores used", "series", "targetCpuCores", null);
            }
            html.close("div");
            if (series.stream().anyMatch(s -> s.points().stream().anyMatch(ScalingSeries.Point::generatorBound))) {
                html.element(
                        "p",
                        "Ringed points were measured while the load generator was the bottleneck: they show the"
                                + " generator's limit, not the target's.",
                        "class",
                        "flag");
            }
        }
        if (!series.isEmpty()) {
            seriesTable(html, series);
        }
        String method = run.measurement() == null ? null : run.measurement().get("series");
        if (method != null) {
            html.element("p", "series: " + method, "class", "how");
        }
        html.close("section");
    }

    private static void figure(Markup html, String caption, String chart, String key, Integer step) {
        html.open(
                "figure",
                "class",
                "chart",
                "data-chart",
                chart,
                "data-key",
                key,
                "data-step",
                step == null ? null : step.toString());
        html.element("figcaption", caption);
        html.open("div", "class", "plot")
                .element("p", NO_SCRIPT, "class", "nojs muted")
                .close("div");
        html.close("figure");
    }

    private static void seriesTable(Markup html, List<ScalingSeries> series) {
        html.open("div", "class", "scroll").open("table", "class", "series");
        html.element("caption", "The scaling series: per profile, one point per worker count, medians over repeats.");
        html.open("thead").open("tr");
        for (String column : List.of(
                "Profile",
                "W (workers)",
                "Repeats",
                "Throughput req/s",
                "p99 ms",
                "Target cores",
                "Knee req/s",
                "Each repeat's req/s",
                "Flags")) {
            html.element("th", column, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (ScalingSeries s : series) {
            for (ScalingSeries.Point p : s.points()) {
                html.open("tr");
                html.element("td", s.profile());
                html.element("td", Figures.whole(p.workers()), "class", "num");
                html.element("td", Integer.toString(p.repeats()), "class", "num");
                html.element("td", Figures.rps(p.throughputRps()), "class", "num");
                html.element("td", Long.toString(p.p99Ms()), "class", "num");
                html.element("td", Figures.number(p.targetCpuCores(), 2), "class", "num");
                html.element("td", Figures.rps(p.kneeRateRps()), "class", "num");
                html.element(
                        "td",
                        String.join(
                                ", ",
                                p.throughputRpsByRepeat().stream()
                                        .map(Figures::rps)
                                        .toList()),
                        "class",
                        "num");
                html.element("td", flags(p), "class", "flag");
                html.close("tr");
            }
        }
        html.close("tbody").close("table").close("div");
    }

    private static String flags(ScalingSeries.Point p) {
        StringBuilder flags = new StringBuilder();
        if (p.generatorBound()) {
            flags.append("generator-bound ");
        }
        if (p.unsteady()) {
            flags.append("unsteady ");
        }
        if (p.underLoaded()) {
            flags.append("under-loaded ");
        }
        if (p.repeatability() != null && p.repeatability().monotoneDrift()) {
            flags.append("drifting repeats ");
        }
        return flags.toString().strip();
    }

    static void timelines(Markup html, RunView run, SortedMap<Integer, List<TimelinePoint>> timelines) {
        html.open("section", "id", "timelines", "aria-label", "timelines");
        html.element("h2", "Timeline");
        if (timelines.isEmpty()) {
            html.element("p", "No step has stored a second.", "class", "muted");
        }
        for (Map.Entry<Integer, List<TimelinePoint>> entry : timelines.entrySet()) {
            int index = entry.getKey();
            html.open("section", "id", "timeline-" + index, "class", "timeline", "aria-label", "step " + index);
            html.element("h3", "Step " + index + stepLabel(run, index) + ", second by second");
            html.open("div", "class", "charts");
            figure(html, "Responses per second (requests/s, errors/s)", "timeline", "throughput", index);
            figure(html, "Latency per second, ms (p50, p99)", "timeline", "latency", index);
            html.close("div");
            secondsTable(html, entry.getValue());
            html.close("section");
        }
        String method = run.measurement() == null ? null : run.measurement().get("timeline");
        if (method != null) {
            html.element(
                    "p",
                    "timeline: " + method + ". Shaded in the charts: warm-up seconds (sent, not counted).",
                    "class",
                    "how");
        }
        html.close("section");
    }

    private static String stepLabel(RunView run, int index) {
        return run.steps().stream()
                .filter(s -> s.index() == index)
                .findFirst()
                .map(ChartSections::label)
                .orElse("");
    }

    private static String label(StepView step) {
        String at = step.profile() == null ? "as is" : step.profile();
        return " (" + at + (step.workers() == null ? "" : " W=" + step.workers()) + ", repeat " + (step.repeat() + 1)
                + ")";
    }

    private static void secondsTable(Markup html, List<TimelinePoint> seconds) {
        html.open("details").element("summary", seconds.size() + " seconds as a table");
        html.open("table", "class", "seconds");
        html.open("thead").open("tr");
        for (String column :
                List.of("Second", "Warm-up", "Probe", "Requests (= req/s)", "Errors", "p50 ms", "p99 ms", "max ms")) {
            html.element("th", column, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (TimelinePoint point : seconds) {
            html.open("tr");
            html.element("td", Long.toString(point.second()), "class", "num");
            html.element("td", point.warmup() ? "warm-up" : "");
            html.element("td", Figures.whole(point.probe()), "class", "num");
            html.element("td", Long.toString(point.requests()), "class", "num");
            html.element("td", Long.toString(point.errors()), "class", "num");
            for (ToLongFunction<LatencyMs> figure : TIMELINE_LATENCIES) {
                html.element(
                        "td",
                        point.latencyMs() == null ? Figures.DASH : Long.toString(figure.applyAsLong(point.latencyMs())),
                        "class",
                        "num");
            }
            html.close("tr");
        }
        html.close("tbody").close("table").close("details");
    }
}
