package dev.loadlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Measures one {@link GeneratorCell} with every client, round after round: odd rounds LoadLab, wrk, plain Gatling;
 * even rounds the reverse; {@code pause} seconds between two clients. The nginx cell also runs a LoadLab step whose
 * workload is a v2 flow (two requests, checks and a save: the general request chain). Not thread-safe.
 */
final class GeneratorRunner {
    static final String LOADLAB = "LoadLab";
    static final String LOADLAB_V2 = "LoadLab v2 flow";
    static final String WRK = "wrk";
    static final String GATLING = "plain Gatling";

    private final BenchApi api;
    private final HostControl host;
    private final String appUrl;
    private final Path home;
    private final Path work;
    private final int warmup;
    private final int gatlingWarmup;
    private final int seconds;
    private final int pause;
    private final Map<String, String> clientProperties;
    private boolean agentWarmed;

    GeneratorRunner(
            BenchApi api,
            HostControl host,
            String appUrl,
            Path home,
            Path work,
            int warmup,
            int gatlingWarmup,
            int seconds,
            int pause,
            Map<String, String> clientProperties) {
        this.api = api;
        this.host = host;
        this.appUrl = appUrl;
        this.home = home;
        this.work = work;
        this.warmup = warmup;
        this.gatlingWarmup = gatlingWarmup;
        this.seconds = seconds;
        this.pause = pause;
        this.clientProperties = clientProperties;
    }

    /** Every client's result per round, keyed by client name. */
    Map<String, List<Measured>> measure(GeneratorCell cell, int rounds) throws Exception {
        Map<String, List<Measured>> byClient = new LinkedHashMap<>();
        if (cell.nginx()) {
            try (NginxServer nginx = NginxServer.start(Files.createTempDirectory(work, "nginx-"));
                    CpuSampler cpu = new CpuSampler(() ->
                            new CpuSampler.Sample(System.currentTimeMillis(), nginx.workerCpuSeconds(), Map.of()))) {
                rounds(cell, rounds, nginx.url(), cpu, byClient);
            }
        } else {
            try (CpuSampler cpu = new CpuSampler(host::sample)) {
                rounds(cell, rounds, appUrl, cpu, byClient);
            }
        }
        return byClient;
    }

    private void rounds(
            GeneratorCell cell, int rounds, String baseUrl, CpuSampler cpu, Map<String, List<Measured>> byClient)
            throws Exception {
        if (!agentWarmed) {
            // The agent JVM lives through the whole bench: its first step warms its JIT and is discarded (as in
            // ./loadlab bench agent-ab); plain Gatling starts a JVM per measurement, as its users do.
            try {
                loadLab(cell, baseUrl, cpu, false);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                System.err.println("the agent's warm-up step failed: " + e.getMessage());
            }
            agentWarmed = true;
            GeneratorBench.pause(pause);
        }
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(List.of(LOADLAB, WRK, GATLING));
            if (cell.nginx()) {
                order.add(1, LOADLAB_V2);
            }
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (int i = 0; i < order.size(); i++) {
                String client = order.get(i);
                if (i > 0) {
                    GeneratorBench.pause(pause);
                }
                Measured m;
                try {
                    if (!cell.nginx() && !client.startsWith(LOADLAB)) {
                        host.ensure(cell.profile(), cell.workers()); // a LoadLab step configures the host itself
                    }
                    m = switch (client) {
                        case LOADLAB -> loadLab(cell, baseUrl, cpu, false);
                        case LOADLAB_V2 -> loadLab(cell, baseUrl, cpu, true);
                        case WRK -> wrk(cell, baseUrl, cpu);
                        default -> gatling(cell, baseUrl, cpu);
                    };
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    // One failed measurement (a server that would not start, a refused step) must not end a long
                    // run: it is left out of the medians, and said here.
                    System.err.println(cell.label() + " round " + round + " " + client + " failed: " + e.getMessage());
                    continue;
                }
                System.err.printf(
                        Locale.ROOT,
                        "%s round %d %s: %.0f req/s p50 %.2f ms p99 %.2f ms server %.2f cores%s%n",
                        cell.label(),
                        round,
                        client,
                        m.rps(),
                        m.p50Ms(),
                        m.p99Ms(),
                        m.serverCores(),
                        m.generatorBound() == null ? "" : " generatorBound " + m.generatorBound());
                byClient.computeIfAbsent(client, c -> new ArrayList<>()).add(m);
            }
            GeneratorBench.pause(pause);
        }
    }

    private Measured wrk(GeneratorCell cell, String baseUrl, CpuSampler cpu) throws Exception {
        String url = baseUrl + cell.path();
        if (warmup > 0) {
            WrkClient.run(url, cell.connections(), warmup); // the server's JIT and caches, as the others get
        }
        long from = System.currentTimeMillis();
        WrkClient.Result r = WrkClient.run(url, cell.connections(), seconds);
        long to = System.currentTimeMillis();
        return new Measured(r.rps(), r.p50Ms(), r.p99Ms(), cpu.cores(from, to), cpu.shares(from, to), null, null);
    }

    private Measured gatling(GeneratorCell cell, String baseUrl, CpuSampler cpu) throws Exception {
        PlainGatlingClient.Result r = PlainGatlingClient.run(
                home, work, baseUrl, cell.path(), cell.connections(), gatlingWarmup, seconds, clientProperties);
        if (r.errors() > 0) {
            System.err.println(cell.label() + ": plain Gatling had " + r.errors() + " failed requests");
        }
        return new Measured(
                r.rps(),
                r.p50Ms(),
                r.p99Ms(),
                cpu.cores(r.fromMs(), r.toMs()),
                cpu.shares(r.fromMs(), r.toMs()),
                null,
                null);
    }

    private Measured loadLab(GeneratorCell cell, String baseUrl, CpuSampler cpu, boolean flow) throws Exception {
        String target = cell.nginx()
                ? "{\"baseUrl\": \"%s\"}".formatted(baseUrl)
                : """
                {"baseUrl": "%s", "control": {"url": "%s", "token": "%s"}, "profiles": ["%s"], "workers": [%d]}""".formatted(baseUrl, host.url(), host.token(), cell.profile(), cell.workers());
        String workload = flow ? """
                {"flows": [{"name": "chain", "steps": [
                  {"name": "first", "path": "/first", "checks": [{"status": [200]}],
                   "save": {"length": {"header": "Content-Length"}}},
                  {"name": "second", "path": "/second?length=${length}",
                   "checks": [{"status": [200]}, {"bodyContains": "hello"}]}]}]}""" : "{\"requests\": [{\"name\": \"r\", \"path\": \"%s\"}]}".formatted(cell.path());
        String scenario = """
                {"name": "bench-generator", "target": %s, "workload": %s,
                 "load": {"model": "closed", "users": %d, "warmup": "%ds", "duration": "%ds",
                          "connections": "per-user"}}
                """.formatted(target, workload, cell.connections(), warmup, seconds);
        JsonNode step = GeneratorBench.firstStep(api.runToEnd(scenario, Duration.ofMillis(500), run -> {}));
        if (step.path("errors").asLong() > 0) {
            System.err.println(cell.label() + ": LoadLab step had "
                    + step.path("errors").asLong() + " failed requests: " + step.path("errorsByKind"));
        }
        JsonNode latency = step.path("latencyMs");
        double cores;
        if (cell.nginx()) {
            long from = Instant.parse(step.path("measuredFrom").asText()).toEpochMilli();
            long to = Instant.parse(step.path("measuredTo").asText()).toEpochMilli();
            cores = cpu.cores(from, to);
        } else {
            JsonNode c = step.path("target").path("cpuCores");
            cores = c.isNumber() ? c.asDouble() : step.path("targetCpuCores").asDouble(Double.NaN);
        }
        return new Measured(
                step.path("throughputRps").asDouble(),
                latency.path("p50").asDouble(),
                latency.path("p99").asDouble(),
                cores,
                stepShares(step),
                step.path("generatorBound").asBoolean(),
                step.path("generatorReason").isTextual()
                        ? step.path("generatorReason").asText()
                        : null);
    }

    /** {@code target.workers[].cpuShare} of the step, where the coordinator reports it. */
    private static String stepShares(JsonNode step) {
        List<Double> shares = new ArrayList<>();
        for (JsonNode w : step.path("target").path("workers")) {
            if (w.path("cpuShare").isNumber() && "worker".equals(w.path("role").asText("worker"))) {
                shares.add(w.path("cpuShare").asDouble());
            }
        }
        if (shares.isEmpty()) {
            return Measured.UNKNOWN;
        }
        return shares.stream()
                .sorted((a, b) -> Double.compare(b, a))
                .map(s -> String.format(Locale.ROOT, "%.2f", s))
                .collect(Collectors.joining(" / "));
    }
}
