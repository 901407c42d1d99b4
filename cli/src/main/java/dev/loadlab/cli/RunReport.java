package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a finished run as the API returned it: the per-step results table, the verdict with its reason and the
 * dashboard link, and the same as a Markdown table for a pull-request comment. Reads the run's JSON tree, so fields a
 * newer coordinator adds do no harm and missing ones show as "-". Stateless.
 */
final class RunReport {
    private RunReport() {}

    /** The steps table: profile, W, repeat, req/s, p50, p99, errors and flags, one row per step. */
    static Table steps(JsonNode run) {
        Table table = new Table("step", "profile", "W", "repeat", "req/s", "p50 ms", "p99 ms", "errors", "flags");
        for (JsonNode step : run.path("steps")) {
            JsonNode latency = step.path("latencyMs");
            table.row(
                    step.path("index").asInt(),
                    text(step.path("profile")),
                    text(step.path("workers")),
                    step.path("repeat").asInt(),
                    String.format(
                            Locale.ROOT, "%.1f", step.path("throughputRps").asDouble()),
                    text(latency.path("p50")),
                    text(latency.path("p99")),
                    step.path("errors").asLong(),
                    String.join(", ", flags(step)));
        }
        return table;
    }

    /** What a step's figures come with: its status when it did not succeed, generator-bound, unsteady, SLO outcome. */
    static List<String> flags(JsonNode step) {
        List<String> flags = new ArrayList<>();
        String status = step.path("status").asText("SUCCEEDED");
        if (!status.equals("SUCCEEDED")) {
            flags.add(status.toLowerCase(Locale.ROOT));
        }
        if (step.path("generatorBound").asBoolean()) {
            flags.add("generator-bound");
        }
        if (step.path("steadiness").path("unsteady").asBoolean()) {
            flags.add("unsteady");
        }
        JsonNode slo = step.path("slo");
        if (slo.hasNonNull("outcome")) {
            flags.add("SLO " + slo.get("outcome").asText());
        }
        return flags;
    }

    /** The verdict's outcome, or the status when the run has no verdict (yet). */
    static String outcome(JsonNode run) {
        JsonNode verdict = run.path("verdict");
        return verdict.hasNonNull("outcome")
                ? verdict.get("outcome").asText()
                : run.path("status").asText().toLowerCase(Locale.ROOT);
    }

    /** The verdict's lines: "verdict: failed — 1 step broke the SLO: ...", then each step behind it with its reasons. */
    static List<String> verdict(JsonNode run) {
        List<String> lines = new ArrayList<>();
        JsonNode verdict = run.path("verdict");
        String status = run.path("status").asText();
        String reason = verdict.path("reason").asText("");
        lines.add("verdict: " + outcome(run) + (reason.isEmpty() ? "" : " - " + reason) + " (run " + status + ")");
        if (run.hasNonNull("failure")) {
            lines.add("  run failure: " + run.get("failure").asText());
        }
        for (JsonNode step : verdict.path("steps")) {
            List<String> reasons = new ArrayList<>();
            step.path("reasons").forEach(r -> reasons.add(r.asText()));
            lines.add("  step " + step.path("index").asInt() + cell(step) + ": "
                    + step.path("outcome").asText() + (reasons.isEmpty() ? "" : " - " + String.join("; ", reasons)));
        }
        return lines;
    }

    /** The dashboard's page of the run (the coordinator serves the dashboard under /dashboard/). */
    static String dashboardLink(String baseUrl, String runId) {
        return baseUrl + "/dashboard/#/runs/" + runId;
    }

    /** A Markdown summary for a pull-request comment: a heading with the verdict, its reason, the steps table, a link. */
    static String markdown(JsonNode run, String baseUrl) {
        StringBuilder md = new StringBuilder();
        String outcome = outcome(run);
        String mark =
                switch (outcome) {
                    case "passed" -> ":white_check_mark:";
                    case "failed" -> ":x:";
                    default -> ":warning:";
                };
        md.append("### LoadLab ")
                .append(markdownText(run.path("name").asText()))
                .append(": ")
                .append(mark)
                .append(' ')
                .append(outcome)
                .append("\n\n");
        String reason = run.path("verdict").path("reason").asText("");
        if (!reason.isEmpty()) {
            md.append(markdownText(reason)).append("\n\n");
        }
        md.append("| step | profile | W | repeat | req/s | p50 ms | p99 ms | errors | flags |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonNode step : run.path("steps")) {
            JsonNode latency = step.path("latencyMs");
            md.append("| ")
                    .append(String.join(
                            " | ",
                            String.valueOf(step.path("index").asInt()),
                            markdownText(text(step.path("profile"))),
                            text(step.path("workers")),
                            String.valueOf(step.path("repeat").asInt()),
                            String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    step.path("throughputRps").asDouble()),
                            text(latency.path("p50")),
                            text(latency.path("p99")),
                            String.valueOf(step.path("errors").asLong()),
                            markdownText(String.join(", ", flags(step)))))
                    .append(" |\n");
        }
        md.append("\n[run ")
                .append(run.path("id").asText())
                .append("](")
                .append(dashboardLink(baseUrl, run.path("id").asText()))
                .append(") - status ")
                .append(run.path("status").asText())
                .append('\n');
        return md.toString();
    }

    /** " (threaded W=4 #1)" from a step's profile, workers and repeat; empty when it has none. */
    static String cell(JsonNode step) {
        List<String> parts = new ArrayList<>();
        if (step.hasNonNull("profile")) {
            parts.add(step.get("profile").asText());
        }
        if (step.hasNonNull("workers")) {
            parts.add("W=" + step.get("workers").asInt());
        }
        if (step.path("repeat").asInt() > 0) {
            parts.add("#" + step.get("repeat").asInt());
        }
        return parts.isEmpty() ? "" : " (" + String.join(" ", parts) + ")";
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    static String markdownText(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
