package dev.loadlab.targethost.http;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.WorkerStats;
import dev.loadlab.targethost.RequestStats;
import dev.loadlab.targethost.StatsSnapshot;
import dev.loadlab.targethost.work.BadParameterException;
import dev.loadlab.targethost.work.CpuWork;
import dev.loadlab.targethost.work.Workload;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The reference app's routes, independent of how a front-end waits and schedules: {@link #route} answers {@code
 * /health}, {@code /stats} and errors at once and turns workload requests into {@link Action.Perform}; after the
 * front-end has waited, {@link #complete} computes and counts. The workload answers are written by hand (they are the
 * per-request path); {@code /stats} is the protocol's {@link WorkerStats} record. Route table: {@code /health}, {@code /stats}, then
 * {@link Workload#PATHS}; anything else 404. No per-request logging. Thread-safe (its state is immutable or a {@link
 * RequestStats}).
 */
public final class WorkerApp {
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private final CpuWork cpu;
    private final RequestStats stats = new RequestStats();
    private final boolean keepAliveAllowed;
    private final int threads;
    private final long pid = ProcessHandle.current().pid();

    /**
     * @param keepAliveAllowed false for front-ends that end every connection after one answer (Gunicorn sync style)
     * @param threads the serving threads, reported by {@code /stats}
     */
    public WorkerApp(CpuWork cpu, boolean keepAliveAllowed, int threads) {
        this.cpu = cpu;
        this.keepAliveAllowed = keepAliveAllowed;
        this.threads = threads;
    }

    public CpuWork cpu() {
        return cpu;
    }

    public StatsSnapshot stats() {
        return stats.snapshot();
    }

    /** Decides what to do with a request; never throws for client input. */
    public Action route(HttpRequest request) {
        boolean keepAlive = keepAliveAllowed && request.keepAlive();
        String path = request.path();
        boolean get = request.method().equals("GET");
        switch (path) {
            case "/health" -> {
                return get ? reply(200, HEALTH, keepAlive) : methodNotAllowed(request, keepAlive);
            }
            case "/stats" -> {
                return get
                        ? reply(200, statsJson().getBytes(StandardCharsets.UTF_8), keepAlive)
                        : methodNotAllowed(request, keepAlive);
            }
            default -> {
                Optional<Workload> parsed;
                try {
                    parsed = Workload.parse(path, request.rawQuery());
                } catch (BadParameterException e) {
                    stats.record(path, 400);
                    return new Action.Reply(
                            Responses.problem(400, e.getMessage(), e.parameter(), keepAlive, null), keepAlive);
                }
                if (parsed.isEmpty()) {
                    return new Action.Reply(
                            Responses.problem(
                                    404,
                                    "no endpoint " + path + "; the target serves"
                                            + " /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M, /health and /stats",
                                    null,
                                    keepAlive,
                                    null),
                            keepAlive);
                }
                if (!get) {
                    stats.record(path, 405);
                    return methodNotAllowed(request, keepAlive);
                }
                return new Action.Perform(parsed.get(), keepAlive);
            }
        }
    }

    /** Iterations of CPU work the workload asks for. */
    public long iterationsFor(Workload workload) {
        return cpu.iterationsFor(workload.cpuMs());
    }

    /**
     * Builds the answer of a workload whose wait is over and whose {@code iterations} of CPU work gave {@code result},
     * and counts it (before it is written, so a client that has its answer finds it counted).
     */
    public byte[] complete(Workload workload, long iterations, long result, boolean keepAlive) {
        stats.record(workload.path(), 200);
        if (workload instanceof Workload.Hello) {
            return Responses.encode(200, Responses.TEXT, HELLO, keepAlive, null);
        }
        String json = "{\"ioMs\":" + workload.ioMs() + ",\"cpuMs\":" + workload.cpuMs() + ",\"iterations\":"
                + iterations + ",\"result\":" + result + "}";
        return Responses.encode(200, Responses.JSON, json.getBytes(StandardCharsets.UTF_8), keepAlive, null);
    }

    /** Runs the CPU part on the calling thread without any lock; seeded from the clock so no two requests are alike. */
    public byte[] computeAndComplete(Workload workload, boolean keepAlive) {
        long iterations = iterationsFor(workload);
        long result = iterations == 0 ? 0 : CpuWork.compute(System.nanoTime(), iterations);
        return complete(workload, iterations, result, keepAlive);
    }

    /** This worker process's own counters (one worker of several when processes share the port). */
    public String statsJson() {
        return Json.write(stats.snapshot().toWire(threads, pid, WorkerStats.WORKER_SCOPE, cpu.calibration()));
    }

    private static Action reply(int status, byte[] body, boolean keepAlive) {
        return new Action.Reply(Responses.encode(status, Responses.JSON, body, keepAlive, null), keepAlive);
    }

    private static Action methodNotAllowed(HttpRequest request, boolean keepAlive) {
        return new Action.Reply(
                Responses.problem(
                        405,
                        "method " + request.method() + " is not allowed here; use GET",
                        null,
                        keepAlive,
                        "Allow: GET"),
                keepAlive);
    }
}
