package dev.loadlab.cli;

/** Run views shaped as GET /api/v1/runs/{id} returns them, for the formatting and watch tests. Stateless. */
final class CannedRuns {
    private CannedRuns() {}

    static final String SCENARIO = """
            {"name": "sweep", "target": {"baseUrl": "http://127.0.0.1:9000", "profiles": ["threaded", "async"],
             "workers": [1, 4]}, "repeats": 2,
             "workload": {"requests": [{"name": "io", "path": "/io?ms=10"}]},
             "load": {"model": "closed", "users": 8, "warmup": "1s", "duration": "5s"}}""";

    static final String RUNNING = """
            {"id": "r1", "name": "sweep", "status": "RUNNING", "verdict": null, "scenario": %s, "steps": [],
             "progress": {"stepIndex": 5, "probe": null, "probeRateRps": null, "warmingUp": false,
                          "requests": 1200, "errors": 0, "elapsedSeconds": 3.2, "plannedSeconds": 5.0}}""".formatted(SCENARIO);

    static final String TIMELINE = """
            {"runId": "r1", "stepIndex": 5, "seconds": [
              {"second": 0, "warmup": true, "requests": 300, "errors": 0, "latencyMs": {"p50": 10, "p99": 30}},
              {"second": 1, "warmup": false, "requests": 412, "errors": 2, "latencyMs": {"p50": 10, "p99": 12}}]}""";

    /** Ended, SUCCEEDED and inconclusive: step 1 unsteady, step 0 generator-bound and its SLO failed in part. */
    static final String INCONCLUSIVE = """
            {"id": "r1", "name": "sweep", "status": "SUCCEEDED", "scenario": %s, "failure": null,
             "verdict": {"outcome": "inconclusive", "reason": "2 steps cannot carry a verdict: steps 0, 1",
               "steps": [
                 {"index": 0, "profile": "threaded", "workers": 1, "repeat": 0, "outcome": "inconclusive",
                  "reasons": ["generator-bound: agent-cpu 0.97"]},
                 {"index": 1, "profile": "threaded", "workers": 1, "repeat": 1, "outcome": "inconclusive",
                  "reasons": ["the measured window was not steady (throughput drifted -31 %%)"]}]},
             "steps": [
               {"index": 0, "status": "SUCCEEDED", "profile": "threaded", "workers": 1, "repeat": 0,
                "measuredSeconds": 5.0, "requests": 2000, "errors": 3, "throughputRps": 400.04,
                "latencyMs": {"p50": 9, "p90": 11, "p99": 14, "p999": 20, "max": 25, "mean": 9.5},
                "generatorBound": true, "steadiness": {"unsteady": false},
                "slo": {"met": false, "outcome": "inconclusive", "reasons": ["p99 14 ms | too close"]}},
               {"index": 1, "status": "SUCCEEDED", "profile": "threaded", "workers": 1, "repeat": 1,
                "measuredSeconds": 4.5, "requests": 1800, "errors": 0, "throughputRps": 399.5,
                "latencyMs": {"p50": 10, "p90": 12, "p99": 15, "p999": 22, "max": 30, "mean": 10.1},
                "generatorBound": false, "steadiness": {"unsteady": true, "reason": "throughput drifted -31 %%"},
                "slo": null}]}""".formatted(SCENARIO);

    /** Ended, SUCCEEDED, failed: its one step broke the SLO. */
    static final String FAILED = """
            {"id": "r2", "name": "io <fast> & \\"quoted\\"", "status": "SUCCEEDED", "failure": null,
             "verdict": {"outcome": "failed", "reason": "1 step broke the SLO: step 0",
               "steps": [{"index": 0, "profile": null, "workers": null, "repeat": 0, "outcome": "failed",
                          "reasons": ["p99 12 ms is above the SLO's 1 ms"]}]},
             "steps": [
               {"index": 0, "status": "SUCCEEDED", "profile": null, "workers": null, "repeat": 0,
                "measuredSeconds": 5.0, "requests": 1500, "errors": 0, "throughputRps": 300.0,
                "latencyMs": {"p50": 10, "p90": 11, "p99": 12, "p999": 13, "max": 14, "mean": 10.2},
                "generatorBound": false, "steadiness": {"unsteady": false},
                "slo": {"met": false, "outcome": "failed", "reasons": ["p99 12 ms is above the SLO's 1 ms"]}}]}""";
}
