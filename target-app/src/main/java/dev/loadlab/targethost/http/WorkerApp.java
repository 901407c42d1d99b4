package dev.loadlab.targethost.http;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.WorkerStats;
import dev.loadlab.targethost.RequestStats;
import dev.loadlab.targethost.StatsSnapshot;
import dev.loadlab.targethost.shop.Answer;
import dev.loadlab.targethost.shop.Shop;
import dev.loadlab.targethost.work.CpuWork;
import dev.loadlab.targethost.work.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The reference app as the raw front-ends of the worker processes serve it, independent of how a front-end waits and
 * schedules: {@link #route} encodes what the shared {@link Routes} table decided, answering {@code /health}, {@code
 * /stats} and errors at once and turning endpoint requests into {@link Action.Perform}; after the front-end has waited,
 * {@link #complete} computes and counts. The endpoint answers are written by hand (they are the per-request path);
 * {@code /stats} is the protocol's {@link WorkerStats} record. No per-request logging. Thread-safe (its state is
 * immutable or a {@link RequestStats}).
 */
public final class WorkerApp {
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private final CpuWork cpu;
    private final Shop shop;
    private final RequestStats stats = new RequestStats();
    private final boolean keepAliveAllowed;
    private final int threads;
    private final long pid = ProcessHandle.current().pid();

    /**
     * @param keepAliveAllowed false for front-ends that end every connection after one answer (Gunicorn sync style)
     * @param threads the serving threads, reported by {@code /stats}
     * @param shop the scenario endpoints, shared with the host's other worker processes through its settings
     */
    public WorkerApp(CpuWork cpu, boolean keepAliveAllowed, int threads, Shop shop) {
        this.cpu = cpu;
        this.shop = shop;
        this.keepAliveAllowed = keepAliveAllowed;
        this.threads = threads;
    }

    public CpuWork cpu() {
        return cpu;
    }

    public StatsSnapshot stats() {
        return stats.snapshot();
    }

    /**
     * Decides what to do with a request, by the shared {@link Routes} table; never throws for client input. A 400, and
     * a 405 on a counted endpoint, are counted here, before the answer is written.
     */
    public Action route(HttpRequest request) {
        boolean keepAlive = keepAliveAllowed && request.keepAlive();
        return switch (Routes.resolve(request.method(), request.path(), request.rawQuery())) {
            case Route.Health health -> reply(200, HEALTH, keepAlive);
            case Route.Stats s -> reply(200, statsJson().getBytes(StandardCharsets.UTF_8), keepAlive);
            case Route.Perform perform -> new Action.Perform(perform.endpoint(), keepAlive);
            case Route.ShopCall call -> new Action.Serve(call, request, keepAlive);
            case Route.MethodNotAllowed notAllowed -> methodNotAllowed(notAllowed, keepAlive);
            case Route.NotFound notFound ->
                new Action.Reply(Responses.problem(404, notFound.detail(), null, keepAlive, null), keepAlive);
            case Route.BadRequest bad -> badRequest(bad, request.path(), keepAlive);
        };
    }

    // The refusals live in methods of their own to keep route() under the JIT's inlining limit (325 bytes of bytecode):
    // inlined into the front-end, route()'s Action.Perform of a workload request is never allocated.

    private Action methodNotAllowed(Route.MethodNotAllowed notAllowed, boolean keepAlive) {
        if (notAllowed.countedAs() != null) {
            stats.record(notAllowed.countedAs(), 405);
        }
        return new Action.Reply(
                Responses.problem(405, notAllowed.detail(), null, keepAlive, "Allow: " + notAllowed.allow()),
                keepAlive);
    }

    private Action badRequest(Route.BadRequest bad, String path, boolean keepAlive) {
        stats.record(path, 400);
        return new Action.Reply(Responses.problem(400, bad.detail(), bad.parameter(), keepAlive, null), keepAlive);
    }

    /**
     * Answers a scenario endpoint on the calling thread and counts it (before it is written); its file I/O blocks an
     * event loop as a synchronous call in an {@code async def} would.
     */
    public byte[] serve(Action.Serve serve) {
        HttpRequest request = serve.request();
        Map<String, String> headers = request.headers();
        Answer answer = ShopCalls.answer(
                serve.call(),
                shop,
                request.method(),
                request.path(),
                request.rawQuery(),
                headers.get("authorization"),
                headers.get("content-type"),
                () -> headers,
                request.body());
        stats.record(serve.call().countedAs(), answer.status());
        String header = answer.headerName() == null ? null : answer.headerName() + ": " + answer.headerValue();
        return Responses.encode(answer.status(), answer.contentType(), answer.body(), serve.keepAlive(), header);
    }

    /** Iterations of CPU work the endpoint request asks for. */
    public long iterationsFor(Endpoint endpoint) {
        return cpu.iterationsFor(endpoint.cpuMs());
    }

    /**
     * Builds the answer of an endpoint request whose wait is over and whose {@code iterations} of CPU work gave {@code
     * result}, and counts it (before it is written, so a client that has its answer finds it counted).
     */
    public byte[] complete(Endpoint endpoint, long iterations, long result, boolean keepAlive) {
        stats.record(endpoint.path(), 200);
        if (endpoint instanceof Endpoint.Hello) {
            return Responses.encode(200, Responses.TEXT, HELLO, keepAlive, null);
        }
        String json = "{\"ioMs\":" + endpoint.ioMs() + ",\"cpuMs\":" + endpoint.cpuMs() + ",\"iterations\":"
                + iterations + ",\"result\":" + result + "}";
        return Responses.encode(200, Responses.JSON, json.getBytes(StandardCharsets.UTF_8), keepAlive, null);
    }

    /** Runs the CPU part on the calling thread without any lock; seeded from the clock so no two requests are alike. */
    public byte[] computeAndComplete(Endpoint endpoint, boolean keepAlive) {
        long iterations = iterationsFor(endpoint);
        long result = iterations == 0 ? 0 : CpuWork.compute(System.nanoTime(), iterations);
        return complete(endpoint, iterations, result, keepAlive);
    }

    /** This worker process's own counters (one worker of several when processes share the port). */
    public String statsJson() {
        return Json.write(stats.snapshot().toWire(threads, pid, WorkerStats.WORKER_SCOPE, cpu.calibration()));
    }

    private static Action reply(int status, byte[] body, boolean keepAlive) {
        return new Action.Reply(Responses.encode(status, Responses.JSON, body, keepAlive, null), keepAlive);
    }
}
