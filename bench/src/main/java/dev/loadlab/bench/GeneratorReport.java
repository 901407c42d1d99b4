package dev.loadlab.bench;

import static dev.loadlab.bench.GeneratorRunner.GATLING;
import static dev.loadlab.bench.GeneratorRunner.LOADLAB;
import static dev.loadlab.bench.GeneratorRunner.LOADLAB_V2;
import static dev.loadlab.bench.GeneratorRunner.WRK;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The generator bench's section of BENCHMARKS.md, computed from the rounds: per cell and client the medians of
 * requests/s, p50, p99 and server cores, the worker shares of the median round, LoadLab's ratios to wrk and to plain
 * Gatling, whether LoadLab flagged the step generator-bound, and one line per bound of issue 12 saying whether it
 * holds. Immutable.
 */
final class GeneratorReport {
    /** Under wrk the server used at least this share of its capacity in cores: the server was the limit. */
    static final double SATURATED = 0.85;
    /** Or wrk did at most this share of its nginx requests/s: a client that did 4x more is not the limit. */
    static final double SLOW_SHARE = 0.25;

    private final Map<GeneratorCell, Map<String, List<Measured>>> results;
    private final String header;

    GeneratorReport(Map<GeneratorCell, Map<String, List<Measured>>> results, String header) {
        this.results = results;
        this.header = header;
    }

    String markdown() {
        StringBuilder s = new StringBuilder("## Load generator against wrk and plain Gatling (issue 12)\n\n");
        s.append(header).append("\n\n");
        s.append("Per cell, interleaved and seconds apart (LoadLab, wrk, plain Gatling; the order reversed every other"
                + " round): LoadLab = one step through the product (coordinator, one agent JVM; closed model,"
                + " users = connections, `\"connections\": \"per-user\"`); wrk = `wrk -t1 -cN --latency` after"
                + " a discarded warm-up run; plain Gatling = `PlainGatlingSimulation` (N users looping one GET"
                + " on their own keep-alive connection) in a new JVM per measurement with the agent's Gatling,"
                + " dependencies and JVM flags, no Gatling data writer (as in the agent), its responses and their"
                + " Gatling response times counted into one HdrHistogram by the simulation itself, and a longer"
                + " warm-up (`--gatling-warmup`) since its JVM is new where the agent's has run every earlier step."
                + " Figures are medians of the rounds;"
                + " p50/p99 in ms (LoadLab and Gatling at 1 ms resolution, wrk at 10 µs). Server cores: the"
                + " step's `target` for the target host under LoadLab, the host's `/control/stats` sampled"
                + " every 250 ms over the measured window for wrk and Gatling, `/proc/PID/stat` of the nginx"
                + " worker for nginx. Worker shares: the step's `target.workers[].cpuShare` for LoadLab, the"
                + " sampled per-process CPU for the others; — where not reported.\n\n");
        s.append("| cell | client | req/s | p50 | p99 | server cores | worker shares | ÷ wrk | ÷ plain Gatling"
                + " | generator-bound |\n|---|---|---|---|---|---|---|---|---|---|\n");
        Double nginxWrk = nginxWrkRps();
        for (var entry : results.entrySet()) {
            GeneratorCell cell = entry.getKey();
            Map<String, List<Measured>> byClient = entry.getValue();
            double wrk = median(byClient.get(WRK), Measured::rps);
            double gatling = median(byClient.get(GATLING), Measured::rps);
            for (String client : List.of(LOADLAB, LOADLAB_V2, WRK, GATLING)) {
                List<Measured> rounds = byClient.get(client);
                if (rounds == null || rounds.isEmpty()) {
                    continue;
                }
                double rps = median(rounds, Measured::rps);
                boolean loadLab = client.startsWith(LOADLAB);
                long flagged = rounds.stream()
                        .filter(m -> Boolean.TRUE.equals(m.generatorBound()))
                        .count();
                s.append(String.format(
                        Locale.ROOT,
                        "| %s | %s%s | %,.0f | %s | %s | %s | %s | %s | %s | %s |%n",
                        cell.label(),
                        client,
                        client.equals(LOADLAB) && serverBound(cell, byClient, nginxWrk) ? " (server the limit)" : "",
                        rps,
                        ms(median(rounds, Measured::p50Ms)),
                        ms(median(rounds, Measured::p99Ms)),
                        number(median(rounds, Measured::serverCores)),
                        medianRound(rounds).shares(),
                        loadLab ? number(rps / wrk) : "",
                        loadLab ? number(rps / gatling) : "",
                        loadLab ? (flagged == 0 ? "no" : "yes (" + flagged + " of " + rounds.size() + ")") : ""));
            }
        }
        s.append('\n');
        for (var entry : results.entrySet()) {
            List<Measured> v1 = entry.getValue().get(LOADLAB);
            List<Measured> v2 = entry.getValue().get(LOADLAB_V2);
            if (v1 != null && v2 != null) {
                s.append(String.format(
                        Locale.ROOT,
                        "The general request chain (a v2 flow of two requests with status and body checks and a"
                                + " header save) against the short v1 chain on %s: %s × the v1 step's requests/s.%n%n",
                        entry.getKey().label(),
                        number(median(v2, Measured::rps) / median(v1, Measured::rps))));
            }
        }
        s.append(SATURATED_RULE).append("\n\n");
        bounds(s, nginxWrk);
        return s.toString();
    }

    private static final String SATURATED_RULE = "\"Server the limit\": under wrk the server used at least "
            + (int) (SATURATED * 100) + " % of its capacity in cores (nginx: 1; built-ins: min(W, cores), threaded-gil"
            + " 1; Python: min(W, cores), gthread 1), or wrk did at most " + (int) (SLOW_SHARE * 100)
            + " % of its nginx requests/s on the cell (a client that does 4x more elsewhere is not this cell's limit).";

    private static final String SETTINGS = "Gatling settings to try on both Gatling JVMs with `--client-property"
            + " KEY=VALUE` (Gatling 3.15.1's `gatling-defaults.conf`; Netty 4.2): `gatling.netty.useNativeTransport`"
            + " (default true: epoll), `gatling.netty.useIoUring` (default false), `gatling.netty.allocator` (pooled,"
            + " unpooled, adaptive; default pooled), and Netty's `io.netty.eventLoopThreads` (Gatling asks for 0"
            + " threads, so Netty's default: 2 × available processors). `gatling.ssl.useOpenSsl` only matters for"
            + " https.";

    private void bounds(StringBuilder s, Double nginxWrk) {
        List<String> slow = new ArrayList<>();
        List<String> latency = new ArrayList<>();
        int serverBound = 0;
        List<String> unflagged = new ArrayList<>();
        int below = 0;
        String nginxLine = "not measured (no nginx cell)";
        for (var entry : results.entrySet()) {
            GeneratorCell cell = entry.getKey();
            Map<String, List<Measured>> byClient = entry.getValue();
            List<Measured> ll = byClient.get(LOADLAB);
            List<Measured> wrk = byClient.get(WRK);
            if (ll == null || wrk == null) {
                continue;
            }
            double ratio = median(ll, Measured::rps) / median(wrk, Measured::rps);
            if (serverBound(cell, byClient, nginxWrk)) {
                serverBound++;
                if (ratio < 0.9) {
                    slow.add(cell.label() + " " + number(ratio));
                }
                double p50 = median(ll, Measured::p50Ms);
                double wrkP50 = median(wrk, Measured::p50Ms);
                double diff = Math.abs(p50 - wrkP50);
                if (diff > 0.15 * wrkP50 && diff >= 1) {
                    latency.add(cell.label() + " " + ms(p50) + " vs " + ms(wrkP50) + " ms");
                }
            }
            for (int i = 0; i < Math.min(ll.size(), wrk.size()); i++) {
                if (ll.get(i).rps() < 0.8 * wrk.get(i).rps()) {
                    below++;
                    if (!Boolean.TRUE.equals(ll.get(i).generatorBound())) {
                        unflagged.add(cell.label() + " round " + (i + 1) + " "
                                + number(ll.get(i).rps() / wrk.get(i).rps()));
                    }
                }
            }
            if (cell.nginx() && byClient.get(GATLING) != null) {
                double toGatling = median(ll, Measured::rps) / median(byClient.get(GATLING), Measured::rps);
                nginxLine = (toGatling >= 0.95 ? "holds" : "does not hold") + " (" + number(toGatling) + ")";
            }
        }
        s.append("Bounds (issue 12, item 7), from the medians above:\n\n");
        s.append("- Where the server is the limit, LoadLab ≥ 0.9 × wrk's requests/s: ")
                .append(verdict(serverBound, slow))
                .append('\n');
        s.append("- Where the server is the limit, LoadLab's p50 within 15 % of wrk's (or within LoadLab's 1 ms"
                        + " resolution): ")
                .append(verdict(serverBound, latency))
                .append('\n');
        s.append("- On nginx, LoadLab ≥ 0.95 × plain Gatling's requests/s: ")
                .append(nginxLine)
                .append('\n');
        s.append("- LoadLab flagged generator-bound whenever below 0.8 × wrk (per round): ")
                .append(below == 0 ? "holds (no round below 0.8)" : verdict(below, unflagged))
                .append("\n\n");
        s.append(SETTINGS).append("\n\n");
    }

    private static String verdict(int cells, List<String> failing) {
        if (cells == 0) {
            return "not measured (no such cell)";
        }
        return failing.isEmpty()
                ? "holds (" + cells + " of " + cells + ")"
                : "does not hold: " + String.join("; ", failing);
    }

    private Double nginxWrkRps() {
        for (var entry : results.entrySet()) {
            if (entry.getKey().nginx() && entry.getValue().get(WRK) != null) {
                return median(entry.getValue().get(WRK), Measured::rps);
            }
        }
        return null;
    }

    static boolean serverBound(GeneratorCell cell, Map<String, List<Measured>> byClient, Double nginxWrk) {
        List<Measured> wrk = byClient.get(WRK);
        if (wrk == null) {
            return false;
        }
        double cores = median(wrk, Measured::serverCores);
        double rps = median(wrk, Measured::rps);
        return cores >= SATURATED * cell.capacityCores()
                || (nginxWrk != null && !cell.nginx() && rps <= SLOW_SHARE * nginxWrk);
    }

    static double median(List<Measured> rounds, ToDoubleFunction<Measured> figure) {
        if (rounds == null || rounds.isEmpty()) {
            return Double.NaN;
        }
        double[] v = rounds.stream().mapToDouble(figure).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The round whose requests/s is the median (the lower of the middle two). */
    private static Measured medianRound(List<Measured> rounds) {
        List<Measured> sorted = rounds.stream()
                .sorted(Comparator.comparingDouble(Measured::rps))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? Measured.UNKNOWN : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v);
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? Measured.UNKNOWN : String.format(Locale.ROOT, "%.2f", v);
    }
}
