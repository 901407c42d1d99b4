package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Tls;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one agent must do for one step, checked once: this agent's users (closed model) or arrivals per second (open
 * model), the weighted requests and the timing; and how requests reach the target: the secrets templates may refer to
 * (name to value; never logged), how its certificate is checked ({@code tls}, null for the JVM's trust store) and
 * whether requests go over HTTP/2. Immutable.
 */
record AgentWork(
        String baseUrl,
        List<RequestSpec> requests,
        LoadModel model,
        int users,
        double rate,
        Duration warmup,
        Duration duration,
        Map<String, String> secrets,
        Tls tls,
        boolean http2) {

    AgentWork {
        requests = List.copyOf(requests);
        secrets = Map.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "AgentWork[" + baseUrl + ", " + requests.size() + " requests, " + model + ", secrets=" + secrets.keySet()
                + "]";
    }

    /** Warm-up plus measured duration: how long users loop (closed) or arrivals come (open). */
    Duration total() {
        return warmup.plus(duration);
    }

    /**
     * Checks what Gatling needs and says which field broke which limit; the coordinator validated the scenario, so a
     * failure here means a mismatch between coordinator and agent, not bad user input.
     */
    static AgentWork from(Assignment assignment) {
        Scenario scenario = assignment.scenario();
        require(scenario != null, "assignment.scenario is missing");
        require(
                scenario.target() != null && scenario.target().baseUrl() != null,
                "assignment.scenario.target.baseUrl is missing");
        require(
                scenario.workload() != null
                        && scenario.workload().requests() != null
                        && !scenario.workload().requests().isEmpty(),
                "assignment.scenario.workload.requests must hold at least one request");
        for (RequestSpec request : scenario.workload().requests()) {
            require(
                    request.name() != null && request.path() != null,
                    "assignment.scenario.workload.requests[].name and .path are required");
            require(
                    request.weight() >= 1,
                    "assignment.scenario.workload.requests[" + request.name() + "].weight must be >= 1, was "
                            + request.weight());
        }
        Load load = scenario.load();
        require(load != null && load.model() != null, "assignment.scenario.load.model is missing");
        require(
                load.model() != LoadModel.SEARCH,
                "assignment.scenario.load.model must be closed or open: the coordinator runs a search as open-model"
                        + " probes");
        require(
                load.duration() != null && load.duration().toMillis() > 0,
                "assignment.scenario.load.duration must be > 0, was " + load.duration());
        require(!load.warmup().isNegative(), "assignment.scenario.load.warmup must be >= 0, was " + load.warmup());
        int users = 0;
        double rate = 0;
        if (load.model() == LoadModel.CLOSED) {
            require(
                    assignment.users() != null && assignment.users() >= 1,
                    "assignment.users must be >= 1 for the closed model, was " + assignment.users());
            users = assignment.users();
        } else {
            require(
                    assignment.rate() != null && assignment.rate() > 0 && Double.isFinite(assignment.rate()),
                    "assignment.rate must be > 0 for the open model, was " + assignment.rate());
            rate = assignment.rate();
        }
        return new AgentWork(
                stripTrailingSlash(scenario.target().baseUrl()),
                scenario.workload().requests(),
                load.model(),
                users,
                rate,
                load.warmup(),
                load.duration(),
                assignment.secrets(),
                scenario.target().tls(),
                scenario.target().usesHttp2());
    }

    // Paths start with '/', so a base URL ending in '/' would give "//path".
    private static String stripTrailingSlash(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
