package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.scenario.Connections;
import dev.loadlab.protocol.scenario.DatasetRef;
import dev.loadlab.protocol.scenario.Flow;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Pause;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Tls;
import dev.loadlab.protocol.scenario.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one agent must do for one step, checked once: this agent's users (closed model) or arrivals per second (open
 * model), the weighted requests or flows, think times, the dataset rows and the timing.
 *
 * <p>{@code requests} lists every request the step can send in global index order (the simple form's mix, or every
 * request of every flow, {@code once} first), the index by which the recorder counts it; {@code flows} is empty for
 * the simple form. {@code profile} is this agent's share of the stages (null without stages; then {@code users} or
 * {@code rate} is the constant level, and with stages it is the peak). {@code dataset} is null without a dataset.
 *
 * <p>How requests reach the target: the secrets templates may refer to (name to value; never logged), how its
 * certificate is checked ({@code tls}, null for the JVM's trust store), whether requests go over HTTP/2 and how users
 * hold their connections ({@code connections}: the scenario's choice or the model's default, never null). Immutable.
 */
record AgentWork(
        String baseUrl,
        List<RequestSpec> requests,
        List<FlowPlan> flows,
        Pause pause,
        DatasetSlice dataset,
        DatasetRef.Strategy datasetStrategy,
        LoadModel model,
        int users,
        double rate,
        LoadProfile profile,
        Map<String, String> secrets,
        Duration warmup,
        Duration duration,
        Tls tls,
        boolean http2,
        Connections connections) {

    AgentWork {
        requests = List.copyOf(requests);
        flows = List.copyOf(flows);
        connections = connections == null ? Connections.defaultFor(model) : connections;
        secrets = Map.copyOf(secrets);
    }

    /** A v1 plan: the simple form, constant load, no pauses, dataset or secrets. */
    AgentWork(
            String baseUrl,
            List<RequestSpec> requests,
            LoadModel model,
            int users,
            double rate,
            Duration warmup,
            Duration duration) {
        this(
                baseUrl,
                requests,
                List.of(),
                null,
                null,
                null,
                model,
                users,
                rate,
                null,
                Map.of(),
                warmup,
                duration,
                null,
                false,
                Connections.defaultFor(model));
    }

    @Override
    public String toString() {
        return "AgentWork[" + baseUrl + ", " + requests.size() + " requests, " + flows.size() + " flows, " + model
                + ", connections=" + connections.wireName() + ", secrets=" + secrets.keySet() + ", dataset=" + dataset
                + "]";
    }

    /** Warm-up plus measured duration: how long users loop (closed) or arrivals come (open). */
    Duration total() {
        return warmup.plus(duration);
    }

    /** True for a workload of flows; false for the simple weighted mix. */
    boolean hasFlows() {
        return !flows.isEmpty();
    }

    boolean staged() {
        return profile != null;
    }

    /**
     * True when the plan runs exactly as v1 did: the simple form at a constant level, without think time or dataset,
     * so the simulation keeps v1's chain.
     */
    boolean v1() {
        return !hasFlows()
                && !staged()
                && dataset == null
                && pause == null
                && requests.stream().allMatch(r -> r.pause() == null);
    }

    /** The weights a user draws from when it starts: flows for a flow workload, else requests. */
    List<Integer> pickWeights() {
        return hasFlows()
                ? flows.stream().map(FlowPlan::weight).toList()
                : requests.stream().map(RequestSpec::weight).toList();
    }

    /** The think time after request {@code index}: its own pause, else the workload's; null when none. */
    Pause pauseAfter(int index) {
        Pause own = requests.get(index).pause();
        return own != null ? own : pause;
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
        Workload workload = scenario.workload();
        require(workload != null, "assignment.scenario.workload is missing");
        boolean simple = workload.requests() != null && !workload.requests().isEmpty();
        boolean flowing = workload.flows() != null && !workload.flows().isEmpty();
        require(
                simple || flowing,
                "assignment.scenario.workload.requests must hold at least one request (or workload.flows a flow)");
        require(!(simple && flowing), "assignment.scenario.workload has both requests and flows; give one of them");
        List<RequestSpec> requests = new ArrayList<>();
        List<FlowPlan> flows = new ArrayList<>();
        if (simple) {
            for (RequestSpec request : workload.requests()) {
                requireRequest(request, "assignment.scenario.workload.requests[" + requests.size() + "]");
                require(
                        request.weight() >= 1,
                        "assignment.scenario.workload.requests[" + request.name() + "].weight must be >= 1, was "
                                + request.weight());
                requests.add(request);
            }
        } else {
            for (int f = 0; f < workload.flows().size(); f++) {
                Flow flow = workload.flows().get(f);
                String at = "assignment.scenario.workload.flows[" + f + "]";
                require(flow != null && flow.name() != null, at + ".name is required");
                require(flow.weight() >= 1, at + ".weight must be >= 1, was " + flow.weight());
                require(flow.steps() != null && !flow.steps().isEmpty(), at + ".steps must hold at least one step");
                List<FlowPlan.Item> once = items(flow.once(), at + ".once", workload.pause(), requests);
                List<FlowPlan.Item> steps = items(flow.steps(), at + ".steps", workload.pause(), requests);
                require(steps.stream().anyMatch(i -> !i.pauseOnly()), at + ".steps must hold at least one request");
                flows.add(new FlowPlan(flow.name(), flow.weight(), once, steps));
            }
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
        require(
                !(load.connectionsOrDefault() == Connections.CLOSE_EACH
                        && scenario.target().usesHttp2()),
                "assignment.scenario.load.connections cannot be close-each with target.http2");
        int users = 0;
        double rate = 0;
        LoadProfile profile = null;
        if (load.staged()) {
            require(!load.stages().isEmpty(), "assignment.scenario.load.stages must hold at least one stage");
            require(assignment.agentCount() >= 1, "assignment.agentCount must be >= 1, was " + assignment.agentCount());
            require(
                    assignment.agentIndex() >= 0 && assignment.agentIndex() < assignment.agentCount(),
                    "assignment.agentIndex must be in [0, " + assignment.agentCount() + "), was "
                            + assignment.agentIndex());
            profile = LoadProfile.of(load.stages(), load.model(), assignment.agentIndex(), assignment.agentCount());
            if (load.model() == LoadModel.CLOSED) {
                users = (int) profile.peak();
            } else {
                rate = profile.peak();
            }
        } else if (load.model() == LoadModel.CLOSED) {
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
        DatasetSlice dataset = null;
        DatasetRef.Strategy strategy = null;
        if (workload.dataset() != null) {
            dataset = assignment.dataset();
            require(
                    dataset != null,
                    "assignment.dataset is missing for workload.dataset "
                            + workload.dataset().name());
            strategy = workload.dataset().strategy();
        }
        return new AgentWork(
                stripTrailingSlash(scenario.target().baseUrl()),
                requests,
                flows,
                workload.pause(),
                dataset,
                strategy,
                load.model(),
                users,
                rate,
                profile,
                assignment.secrets(),
                load.warmup(),
                load.duration(),
                scenario.target().tls(),
                scenario.target().usesHttp2(),
                load.connectionsOrDefault());
    }

    /** A flow part's steps, each request given the next global index (appended to {@code requests}). */
    private static List<FlowPlan.Item> items(
            List<RequestSpec> specs, String at, Pause workloadPause, List<RequestSpec> requests) {
        if (specs == null) {
            return List.of();
        }
        List<FlowPlan.Item> items = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            RequestSpec spec = specs.get(i);
            require(spec != null, at + "[" + i + "] is missing");
            if (spec.pauseOnly()) {
                items.add(new FlowPlan.Item(-1, null, spec.pause()));
                continue;
            }
            requireRequest(spec, at + "[" + i + "]");
            items.add(new FlowPlan.Item(requests.size(), spec, spec.pause() != null ? spec.pause() : workloadPause));
            requests.add(spec);
        }
        return items;
    }

    private static void requireRequest(RequestSpec request, String at) {
        require(request.name() != null && request.path() != null, at + ".name and .path are required");
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
