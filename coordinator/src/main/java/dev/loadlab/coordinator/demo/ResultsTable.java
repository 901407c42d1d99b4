package dev.loadlab.coordinator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Formats a run, as the REST API returns it, into the table the demo prints. Stateless. */
final class ResultsTable {
    private ResultsTable() {}

    static String format(JsonNode run) {
        StringBuilder out = new StringBuilder();
        JsonNode load = run.get("scenario").get("load");
        out.append(String.format(
                Locale.ROOT,
                "Run %s  %s: %s%n",
                run.get("id").asText(),
                run.get("name").asText(),
                run.get("status").asText()));
        if (run.hasNonNull("failure")) {
            out.append("  failure: ").append(run.get("failure").asText()).append('\n');
        }
        for (JsonNode step : run.get("steps")) {
            double seconds = step.get("measuredSeconds").asDouble();
            out.append(String.format(
                    Locale.ROOT,
                    "Step %d: %s on %d agent(s), %s model, %s, measured %.1f s after a %s warm-up"
                            + " (%d warm-up responses not counted)%n%n",
                    step.get("index").asInt(),
                    step.get("status").asText(),
                    step.get("agents").asInt(),
                    load.get("model").asText(),
                    load.has("users")
                            ? load.get("users").asInt() + " users"
                            : load.get("rate").asDouble() + " arrivals/s",
                    seconds,
                    load.get("warmup").asText(),
                    step.get("warmupRequests").asLong()));
            out.append(String.format(
                    Locale.ROOT,
                    "  %-12s %10s %10s %8s %8s %8s %8s %8s%n",
                    "request",
                    "responses",
                    "req/s",
                    "p50 ms",
                    "p90 ms",
                    "p99 ms",
                    "max ms",
                    "errors"));
            Iterator<Map.Entry<String, JsonNode>> requests =
                    step.get("byRequest").fields();
            while (requests.hasNext()) {
                Map.Entry<String, JsonNode> request = requests.next();
                out.append(row(request.getKey(), request.getValue(), seconds));
            }
            out.append(row("all", step, seconds));
            if (step.hasNonNull("failure")) {
                out.append("  failure: ").append(step.get("failure").asText()).append('\n');
            }
            out.append(generator(step));
        }
        out.append('\n')
                .append("  responses: ")
                .append(run.get("measurement").get("requests").asText())
                .append("\n  req/s: ")
                .append(run.get("measurement").get("throughputRps").asText())
                .append("\n  latency: ")
                .append(run.get("measurement").get("latencyMs").asText())
                .append('\n');
        return out.toString();
    }

    /** The load generator's own state, so nobody reads its limit as the target's. */
    private static String generator(JsonNode step) {
        if (step.path("generatorBound").asBoolean()) {
            return "  GENERATOR-BOUND: " + step.path("generatorReason").asText()
                    + "; these figures show the load generator's limit, not the target's\n";
        }
        return String.format(
                Locale.ROOT,
                "  generator: busiest agent used %.0f%% of its cores, start skew %s ms: not the bottleneck%n",
                step.path("agentCpuShare").asDouble() * 100,
                step.path("startSkewMs").isNumber() ? step.get("startSkewMs").asText() : "?");
    }

    private static String row(String name, JsonNode result, double seconds) {
        JsonNode latency = result.get("latencyMs");
        double rps = seconds > 0 ? result.get("requests").asLong() / seconds : 0;
        return String.format(
                Locale.ROOT,
                "  %-12s %10d %10.1f %8d %8d %8d %8d %8d%n",
                name,
                result.get("requests").asLong(),
                rps,
                latency.get("p50").asLong(),
                latency.get("p90").asLong(),
                latency.get("p99").asLong(),
                latency.get("max").asLong(),
                result.get("errors").asLong());
    }
}
