package dev.loadlab.protocol.golden;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.control.Calibration;
import dev.loadlab.protocol.control.ConfigRequest;
import dev.loadlab.protocol.control.ControlApi;
import dev.loadlab.protocol.control.HostStats;
import dev.loadlab.protocol.control.Problem;
import dev.loadlab.protocol.control.ProfileKind;
import dev.loadlab.protocol.control.ProfileList;
import dev.loadlab.protocol.control.RunningConfig;
import dev.loadlab.protocol.control.StatusCounts;
import dev.loadlab.protocol.control.WorkerStats;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Cancel;
import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.WarmUp;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One fixed example of every wire body, each with the file it is pinned by and how it is encoded and decoded. The
 * examples fill every field (and, where a field may be null, one example leaves it null), so that any change of shape
 * shows in a golden file. Immutable.
 */
final class GoldenExamples {
    private static final UUID RUN = UUID.fromString("6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:02Z");
    private static final Instant TO = Instant.parse("2026-01-01T00:00:12.345Z");

    /** HdrHistogram's compressed encoding of 3, 5, 5, 8, 13, 21 and 40 ms, fixed (zlib output may vary by build). */
    private static final String HISTOGRAM = "HISTFAAAACt4nJNpmSzMwMDAwwABzFCaEUyavWuw/wARYGViYGFmYmfiZVJmAgB/DQR3";

    private static final String SCENARIO = """
            {"name": "golden",
             "target": {"baseUrl": "http://127.0.0.1:9000",
                        "control": {"url": "http://127.0.0.1:9001", "token": "***"},
                        "profiles": ["threaded-gil"], "workers": [2]},
             "workload": {"requests": [
               {"name": "io", "method": "GET", "path": "/io?ms=20", "weight": 80},
               {"name": "cpu", "method": "GET", "path": "/cpu?ms=5", "weight": 20}]},
             "load": {"model": "closed", "users": 8, "warmup": "2s", "duration": "10s"},
             "agents": 2, "onAgentLoss": "continue", "repeats": 1,
             "slo": {"p99Ms": 250, "errorRate": 0.01}}
            """;

    /** A v2 scenario: a flow with headers, bodies, checks and saves, a dataset, a secret, stages, TLS and HTTP/2. */
    private static final String SCENARIO_V2 = """
            {"name": "golden-v2",
             "target": {"baseUrl": "https://127.0.0.1:9443", "tls": {"insecure": true}, "http2": true},
             "workload": {
               "dataset": {"name": "shoppers", "strategy": "queue"},
               "pause": {"exponential": "200ms"},
               "flows": [{"name": "shopper", "weight": 3,
                 "once": [{"name": "login", "method": "POST", "path": "/login",
                           "headers": {"X-Api-Key": "${secret:api-key}"},
                           "body": {"user": "${user}", "password": "${password}"}, "timeout": "2s",
                           "checks": [{"status": [200]}, {"jsonPath": "$.token", "exists": true}],
                           "save": {"token": {"jsonPath": "$.token"}}}],
                 "steps": [{"name": "create", "method": "POST", "path": "/items",
                            "headers": {"Authorization": "Bearer ${token}"}, "body": "{\\"sku\\": \\"${sku}\\"}",
                            "checks": [{"header": "Location", "matches": "/items/.+"}, {"bodyContains": "sku"},
                                       {"maxMs": 500}],
                            "save": {"id": {"header": "Location", "regex": "[^/]+$"}},
                            "pause": {"fixed": "1s"}},
                           {"pause": {"uniform": ["100ms", "300ms"]}},
                           {"name": "read", "path": "/items/${id}",
                            "checks": [{"jsonPath": "$.sku", "equals": "${sku}"}]}]}]},
             "load": {"model": "closed", "warmup": "5s",
                      "stages": [{"users": 20, "ramp": "10s"}, {"users": 20, "hold": "30s"}],
                      "connections": "per-user"},
             "agents": 2}
            """;

    private GoldenExamples() {}

    /**
     * One pinned body.
     *
     * @param file the golden file's path under {@code golden/}
     * @param example the instance the file was made from
     * @param encode how the wire side writes it
     * @param decode how the wire side reads it
     */
    record Example(String file, Object example, Function<Object, String> encode, Function<String, Object> decode) {
        @Override
        public String toString() {
            return file;
        }
    }

    /**
     * A family of bodies versioned together.
     *
     * @param versionFile the file under {@code golden/} recording the version the files were made for
     * @param constant the name of the version constant, for messages
     * @param current the constant's value now
     */
    record Family(String name, String versionFile, String constant, int current, List<Example> examples) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Family> families() {
        return List.of(
                new Family(
                        "cluster message",
                        "PROTOCOL_VERSION",
                        "ProtocolVersion.CURRENT",
                        ProtocolVersion.CURRENT,
                        messages()),
                new Family(
                        "control-API body",
                        "CONTROL_API_VERSION",
                        "ControlApi.VERSION",
                        ControlApi.VERSION,
                        control()));
    }

    private static List<Example> messages() {
        Scenario scenario = ScenarioCodec.decode(SCENARIO);
        Scenario v2 = ScenarioCodec.decode(SCENARIO_V2);
        Map<String, Long> errors = Map.of("http_5xx", 2L);
        List<RequestResult> results = List.of(new RequestResult("io", 100, 2, errors, HISTOGRAM));
        List<RequestResult> checked = List.of(
                new RequestResult(
                        "login", 40, 3, Map.of("check", 3L), HISTOGRAM, Map.of("jsonPath($.token)", 2L, "status", 1L)),
                new RequestResult("read", 120, 0, Map.of(), HISTOGRAM));
        DatasetSlice slice = new DatasetSlice(
                "shoppers",
                List.of("user", "password", "sku"),
                List.of(List.of("ann", "pw1", "a1"), List.of("bob", "pw2", "b2")));
        return List.of(
                toAgent("welcome", new Welcome(ProtocolVersion.CURRENT)),
                toAgent("refused", new Refused(ProtocolVersion.CURRENT, "agent speaks protocol v1, coordinator v2")),
                toAgent("assignment", new Assignment(RUN, 1, 3, scenario, 2, 4, null)),
                toAgent(
                        "assignment-v2",
                        new Assignment(RUN, 0, 0, v2, 2, null, null, 1, Map.of("api-key", "k-123"), slice)),
                toAgent("start", new Start(RUN, 1, 3, 1_767_225_600_000L)),
                toAgent("cancel", new Cancel(RUN, 1, 3)),
                toAgent("result-ack", new ResultAck(RUN, 1, 3)),
                toCoordinator(
                        "hello",
                        new Hello(new AgentInfo(
                                "agent-1", "worker-a", 4, ProtocolVersion.CURRENT, "0.1.0", "8d5e1c7a-member"))),
                toCoordinator(
                        "hello-warm-up",
                        new Hello(new AgentInfo(
                                "agent-1",
                                "worker-a",
                                4,
                                ProtocolVersion.CURRENT,
                                "0.1.0",
                                "8d5e1c7a-member",
                                new WarmUp(
                                        12_400,
                                        12,
                                        39_210.5,
                                        true,
                                        false,
                                        60_000,
                                        5,
                                        0.03,
                                        null,
                                        WarmUp.BY_JIT,
                                        30L)))),
                toCoordinator("ready", new Ready(RUN, 1, 3, "agent-1")),
                toCoordinator("interval", new Interval(RUN, 1, 3, "agent-1", 4, false, results, 0.25, true)),
                toCoordinator(
                        "step-result",
                        new StepResult(RUN, 1, 3, "agent-1", null, FROM, TO, 5, results, 3L, 0.5, false, false)),
                toCoordinator(
                        "step-result-v2",
                        new StepResult(
                                RUN,
                                0,
                                0,
                                "agent-1",
                                null,
                                FROM,
                                TO,
                                12,
                                checked,
                                1L,
                                0.5,
                                false,
                                false,
                                List.of(
                                        "login: jsonPath($.token): expected a match, found none",
                                        "dataset shoppers ran out after 2 rows"),
                                List.of(new FlowResult("shopper", 38, 3, HISTOGRAM)),
                                List.of(
                                        new StageResult(0, 5, checked),
                                        new StageResult(1, 30, List.of(checked.get(1)))))),
                toCoordinator(
                        "step-result-v4",
                        new StepResult(
                                RUN, 1, 3, "agent-1", null, FROM, TO, 5, results, 3L, 0.59, false, false, List.of(),
                                List.of(), List.of(), 0.97, 2)),
                toCoordinator(
                        "step-result-failed",
                        StepResult.notRun(RUN, 1, 3, "agent-1", "the target refused every connection", FROM)));
    }

    private static List<Example> control() {
        Calibration calibration = new Calibration(51_234, "best of 5 runs of 20 ms each of CpuWork's loop");
        Map<String, Long> byPath = new LinkedHashMap<>();
        byPath.put("/hello", 10L);
        byPath.put("/io", 20L);
        byPath.put("/cpu", 30L);
        byPath.put("/mixed", 2L);
        byPath.put("/login", 3L);
        byPath.put("/items", 5L);
        byPath.put("/items/{id}", 4L);
        byPath.put("/echo", 1L);
        Map<String, StatusCounts> statusByPath = new LinkedHashMap<>();
        statusByPath.put("/hello", new StatusCounts(10, 0, 0));
        statusByPath.put("/io", new StatusCounts(19, 1, 0));
        statusByPath.put("/cpu", new StatusCounts(30, 0, 0));
        statusByPath.put("/mixed", new StatusCounts(1, 1, 0));
        statusByPath.put("/login", new StatusCounts(2, 1, 0));
        statusByPath.put("/items", new StatusCounts(4, 1, 0));
        statusByPath.put("/items/{id}", new StatusCounts(3, 1, 0));
        statusByPath.put("/echo", new StatusCounts(1, 0, 0));
        return List.of(
                control("config-request", new ConfigRequest("threaded-gil", 4), ConfigRequest.class),
                control(
                        "running-config",
                        new RunningConfig(
                                "threaded-gil", 2, 9000, List.of(4101L, 4102L), Instant.parse("2026-01-01T00:00:01Z")),
                        RunningConfig.class),
                control(
                        "running-config-none",
                        new RunningConfig(null, 0, 9000, List.of(), Instant.EPOCH),
                        RunningConfig.class),
                control(
                        "profile-list",
                        new ProfileList(List.of(
                                new ProfileList.Entry(
                                        "threaded-gil", ProfileKind.BUILT_IN, "one JVM, W threads, a GIL"),
                                new ProfileList.Entry("gunicorn", ProfileKind.COMMAND, "gunicorn -w {workers}"))),
                        ProfileList.class),
                control(
                        "host-stats",
                        new HostStats(
                                new HostStats.Config("multi-process", 2),
                                12.5,
                                104_857_600,
                                75L,
                                List.of(
                                        new HostStats.ProcessStats(4101, "worker", 37L, 6.25, 52_428_800),
                                        new HostStats.ProcessStats(4102, "worker", 38L, 6.25, 52_428_800)),
                                calibration,
                                "sum over the app's processes of /proc/PID/stat",
                                Instant.parse("2026-01-01T00:00:05.5Z"),
                                byPath,
                                statusByPath,
                                2.0,
                                4),
                        HostStats.class),
                control(
                        "host-stats-command",
                        new HostStats(
                                new HostStats.Config("gunicorn", 1),
                                1.0,
                                52_428_800,
                                null,
                                List.of(
                                        new HostStats.ProcessStats(5000, "master", null, 0.25, 20_971_520),
                                        new HostStats.ProcessStats(5001, "worker", null, 0.75, 20_971_520),
                                        new HostStats.ProcessStats(5002, "helper", null, 0.0, 10_485_760)),
                                calibration,
                                "sum over every descendant of the command",
                                Instant.parse("2026-01-01T00:00:05Z"),
                                null,
                                null,
                                1.0,
                                4),
                        HostStats.class),
                control(
                        "problem",
                        Problem.of(400, "Bad Request", "workers must be between 1 and 64, was 0", "/workers"),
                        Problem.class),
                control(
                        "problem-without-pointer",
                        Problem.of(503, "Service Unavailable", "the new configuration did not start", null),
                        Problem.class),
                control(
                        "worker-stats",
                        new WorkerStats(75, byPath, 5, 1, 4101L, WorkerStats.WORKER_SCOPE, calibration, statusByPath),
                        WorkerStats.class),
                control(
                        "worker-stats-single-process",
                        new WorkerStats(75, byPath, 5, 8, null, null, calibration, statusByPath),
                        WorkerStats.class));
    }

    private static Example toAgent(String name, ToAgent message) {
        return new Example("message/" + name + ".json", message, m -> Messages.encode((ToAgent) m), Messages::toAgent);
    }

    private static Example toCoordinator(String name, ToCoordinator message) {
        return new Example(
                "message/" + name + ".json", message, m -> Messages.encode((ToCoordinator) m), Messages::toCoordinator);
    }

    private static Example control(String name, Object body, Class<?> type) {
        return new Example("control/" + name + ".json", body, Json::write, json -> ControlApi.readStrict(json, type));
    }
}
