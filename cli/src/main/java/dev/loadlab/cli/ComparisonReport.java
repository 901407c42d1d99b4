package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code GET /api/v1/compare}'s answer as the API returned it: per matched step both runs' throughput and
 * p99, the effect (candidate / baseline - 1) with its 95 % confidence interval, the samples the test ran on, the
 * adjusted p-value and the verdict; then the method and the multiple-testing correction in the API's own words, why
 * a step had too little data, and the steps only one run has. As a plain table or as Markdown for a pull-request
 * comment. Reads the JSON tree, so fields a newer coordinator adds do no harm and missing ones show as "-". Stateless.
 */
final class ComparisonReport {
    static final String REGRESSED = "regressed";

    private static final String[] HEADER = {
        "step",
        "profile",
        "W",
        "request",
        "baseline req/s",
        "candidate req/s",
        "p99 ms",
        "effect",
        "95 % CI",
        "test",
        "adjusted p",
        "verdict"
    };

    private ComparisonReport() {}

    /** Whether any matched step's throughput regressed. */
    static boolean regressed(JsonNode report) {
        for (JsonNode step : report.path("steps")) {
            if (step.path("verdict").asText().equals(REGRESSED)) {
                return true;
            }
        }
        return false;
    }

    /** One row per matched step, in the baseline's step order. */
    static Table table(JsonNode report) {
        Table table = new Table(HEADER);
        for (JsonNode step : report.path("steps")) {
            table.row((Object[]) cells(step));
        }
        return table;
    }

    /** Column {@link #HEADER}'s index of the verdict, for colouring. */
    static int verdictColumn() {
        return HEADER.length - 1;
    }

    /** The lines above the table: which run is compared with which. */
    static String heading(JsonNode report) {
        return "compare: baseline " + side(report.path("baseline")) + " -> candidate " + side(report.path("candidate"));
    }

    /** The lines below the table: method, correction, minimum effect, reasons, unmatched steps. */
    static List<String> notes(JsonNode report) {
        List<String> lines = new ArrayList<>();
        lines.add("test: " + report.path("method").asText("-"));
        lines.add("correction: " + report.path("correction").asText("-"));
        lines.add(String.format(
                Locale.ROOT, "min effect: %s (a smaller change is no change)", percent(report.path("minEffect"), 1)));
        if (report.hasNonNull("latencyNote")) {
            lines.add("latency: " + report.get("latencyNote").asText());
        }
        for (JsonNode step : report.path("steps")) {
            if (step.hasNonNull("reason")) {
                lines.add("  " + label(step) + ": " + step.get("verdict").asText() + " - "
                        + step.get("reason").asText());
            }
        }
        unmatched(report, "onlyInBaseline", "only in the baseline", lines);
        unmatched(report, "onlyInCandidate", "only in the candidate", lines);
        return lines;
    }

    /** "verdict: 1 step regressed: step 2 (threaded W=2 all)" or "verdict: no step regressed (2 no significant ...)". */
    static String verdict(JsonNode report) {
        List<String> regressed = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode step : report.path("steps")) {
            String verdict = step.path("verdict").asText("-");
            counts.merge(verdict, 1, Integer::sum);
            if (verdict.equals(REGRESSED)) {
                regressed.add(label(step));
            }
        }
        if (!regressed.isEmpty()) {
            return "verdict: " + regressed.size() + (regressed.size() == 1 ? " step" : " steps") + " regressed: "
                    + String.join(", ", regressed);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((verdict, n) -> parts.add(n + " " + verdict));
        return "verdict: no step regressed"
                + (parts.isEmpty() ? " (no matched steps)" : " (" + String.join(", ", parts) + ")");
    }

    /** Heading, table, notes and verdict as printed on a terminal or in a log, coloured where {@code output} can. */
    static void print(JsonNode report, Output output) {
        output.println(heading(report));
        Table table = table(report);
        if (table.isEmpty()) {
            output.println("no steps matched between the two runs");
        } else {
            table.lines(verdictColumn(), v -> colour(v, output)).forEach(output::println);
        }
        notes(report).forEach(output::println);
        String verdict = verdict(report);
        output.println(regressed(report) ? output.red(verdict) : output.bold(verdict));
    }

    /** The same as a Markdown section for a pull-request comment. */
    static String markdown(JsonNode report, String baseUrl) {
        StringBuilder md = new StringBuilder("### LoadLab compare: ")
                .append(regressed(report) ? ":x: " : ":white_check_mark: ")
                .append(RunReport.markdownText(verdict(report).substring("verdict: ".length())))
                .append("\n\n");
        md.append("baseline ")
                .append(link(report.path("baseline"), baseUrl))
                .append(" -> candidate ")
                .append(link(report.path("candidate"), baseUrl))
                .append("\n\n| ")
                .append(String.join(" | ", HEADER))
                .append(" |\n|---:|---|---:|---|---:|---:|---:|---:|---|---|---:|---|\n");
        for (JsonNode step : report.path("steps")) {
            List<String> cells = new ArrayList<>();
            for (String cell : cells(step)) {
                cells.add(RunReport.markdownText(cell));
            }
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        md.append('\n');
        for (String note : notes(report)) {
            md.append(
                            note.startsWith("  ")
                                    ? "- " + RunReport.markdownText(note.strip())
                                    : RunReport.markdownText(note))
                    .append("  \n");
        }
        return md.toString();
    }

    private static String[] cells(JsonNode step) {
        JsonNode test = step.path("test");
        JsonNode p99 = step.path("p99Ms");
        return new String[] {
            text(step.path("baselineStep").path("index")),
            text(step.path("profile")),
            text(step.path("workers")),
            text(step.path("request")),
            decimal(step.path("throughputRps").path("baseline")),
            decimal(step.path("throughputRps").path("candidate")),
            text(p99.path("baseline")) + " / " + text(p99.path("candidate")),
            signedPercent(test.path("effect")),
            test.hasNonNull("effectLow") && test.hasNonNull("effectHigh")
                    ? signedPercent(test.get("effectLow")) + " .. " + signedPercent(test.get("effectHigh"))
                    : "-",
            test.has("samples")
                    ? test.get("samples").asText() + " "
                            + test.path("baselineSamples").asInt() + "/"
                            + test.path("candidateSamples").asInt()
                    : "-",
            pValue(test.path("adjustedPValue")),
            step.path("verdict").asText("-")
        };
    }

    /** "step 2 (threaded W=2 all)": the baseline's step index and what identifies the match. */
    static String label(JsonNode step) {
        List<String> parts = new ArrayList<>();
        if (step.hasNonNull("profile")) {
            parts.add(step.get("profile").asText());
        }
        if (step.hasNonNull("workers")) {
            parts.add("W=" + step.get("workers").asInt());
        }
        if (step.hasNonNull("request")) {
            parts.add(step.get("request").asText());
        }
        if (step.hasNonNull("repeat")) {
            parts.add("#" + step.get("repeat").asInt());
        }
        return "step " + text(step.path("baselineStep").path("index"))
                + (parts.isEmpty() ? "" : " (" + String.join(" ", parts) + ")");
    }

    private static void unmatched(JsonNode report, String field, String what, List<String> lines) {
        for (JsonNode step : report.path(field)) {
            lines.add("  step " + step.path("stepIndex").asInt() + RunReport.cell(step) + " "
                    + step.path("request").asText("") + ": " + what);
        }
    }

    private static String side(JsonNode run) {
        return run.path("name").asText("?") + " " + run.path("id").asText("?") + " ("
                + run.path("status").asText("?") + ", submitted "
                + run.path("submittedAt").asText("-") + ")";
    }

    private static String link(JsonNode run, String baseUrl) {
        String id = run.path("id").asText();
        return "[" + RunReport.markdownText(run.path("name").asText("?")) + " " + id + "]("
                + RunReport.dashboardLink(baseUrl, id) + ")";
    }

    private static String colour(String padded, Output output) {
        String verdict = padded.strip();
        return switch (verdict) {
            case REGRESSED -> output.red(padded);
            case "improved" -> output.green(padded);
            case "insufficient data" -> output.yellow(padded);
            default -> padded;
        };
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    private static String decimal(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.1f", value.asDouble()) : "-";
    }

    /** -0.1504 as "-15.0 %", 0.02 as "+2.0 %". */
    private static String signedPercent(JsonNode share) {
        return share.isNumber() ? String.format(Locale.ROOT, "%+.1f %%", share.asDouble() * 100) : "-";
    }

    private static String percent(JsonNode share, int digits) {
        return share.isNumber() ? String.format(Locale.ROOT, "%." + digits + "f %%", share.asDouble() * 100) : "-";
    }

    /** 2.4e-05 as "2.4e-05", 0.3127 as "0.313". */
    private static String pValue(JsonNode p) {
        if (!p.isNumber()) {
            return "-";
        }
        double value = p.asDouble();
        return value != 0 && value < 0.001
                ? String.format(Locale.ROOT, "%.1e", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
