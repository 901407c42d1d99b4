package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Pause;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds test assignments for one agent. */
public final class Assignments {
    /** The run id every test assignment carries. */
    public static final UUID RUN = UUID.fromString("00000000-0000-4000-8000-000000000001");

    /** The key of that run's step 0. */
    public static final StepKey STEP = StepKey.of(RUN, 0);

    private Assignments() {}

    public static Assignment closed(
            String baseUrl, int users, Duration warmup, Duration duration, RequestSpec... requests) {
        Load load = new Load(LoadModel.CLOSED, users, null, warmup, duration);
        return new Assignment(RUN, 0, 0, scenario(baseUrl, load, requests), 1, users, null);
    }

    public static Assignment open(
            String baseUrl, double rate, Duration warmup, Duration duration, RequestSpec... requests) {
        Load load = new Load(LoadModel.OPEN, null, rate, warmup, duration);
        return new Assignment(RUN, 0, 0, scenario(baseUrl, load, requests), 1, null, rate);
    }

    /** A v2 assignment for agent {@code agentIndex} of {@code agentCount}; users/rate from the load unless staged. */
    public static Assignment v2(
            String baseUrl, Workload workload, Load load, int agentIndex, int agentCount, DatasetSlice dataset) {
        Scenario scenario = new Scenario("test", new Target(baseUrl), workload, load, agentCount);
        Integer users = load.staged() || load.users() == null ? null : load.users();
        Double rate = load.staged() || load.rate() == null ? null : load.rate();
        return new Assignment(RUN, 0, 0, scenario, agentCount, users, rate, agentIndex, Map.of(), dataset);
    }

    /** A request of a flow: name, GET path, optional think time after it. */
    public static RequestSpec step(String name, String path, Pause pause) {
        return new RequestSpec(name, "GET", path, null, null, null, null, null, null, pause);
    }

    /** A pause-only flow step. */
    public static RequestSpec pauseStep(Pause pause) {
        return new RequestSpec(null, null, null, null, null, null, null, null, null, pause);
    }

    public static RequestSpec get(String name, String path, int weight) {
        return new RequestSpec(name, "GET", path, weight);
    }

    private static Scenario scenario(String baseUrl, Load load, RequestSpec... requests) {
        return new Scenario("test", new Target(baseUrl), new Workload(List.of(requests)), load, 1);
    }
}
