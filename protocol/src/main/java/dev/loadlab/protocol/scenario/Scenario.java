package dev.loadlab.protocol.scenario;

/**
 * Scenario JSON v1: what to load, with what, how hard, on how many agents. Build one with {@link ScenarioCodec#decode},
 * which also validates it; a {@code Scenario} obtained that way is valid. {@code agents} defaults to 1 and
 * {@code onAgentLoss} to {@code continue}; {@code repeats} (how many times each step runs, for statistics) to 1.
 * {@code slo} (optional; required by the search model) is what every step is judged against. Immutable.
 */
public record Scenario(
        String name,
        Target target,
        Workload workload,
        Load load,
        Integer agents,
        OnAgentLoss onAgentLoss,
        Integer repeats,
        Slo slo) {
    public Scenario {
        agents = agents == null ? 1 : agents;
        onAgentLoss = onAgentLoss == null ? OnAgentLoss.CONTINUE : onAgentLoss;
        repeats = repeats == null ? 1 : repeats;
    }

    /** A scenario with the default agent-loss policy ({@code continue}) and one repeat. */
    public Scenario(String name, Target target, Workload workload, Load load, Integer agents) {
        this(name, target, workload, load, agents, null, null, null);
    }

    /** This scenario with another load: a search step's probe, sent to agents as a plain open-model step. */
    public Scenario withLoad(Load newLoad) {
        return new Scenario(name, target, workload, newLoad, agents, onAgentLoss, repeats, slo);
    }

    /** This scenario with the control token replaced by {@link TargetControl#REDACTED}, for showing to users. */
    public Scenario redacted() {
        if (target == null || target.control() == null) {
            return this;
        }
        Target hidden = new Target(
                target.baseUrl(),
                new TargetControl(target.control().url(), TargetControl.REDACTED),
                target.profiles(),
                target.workers(),
                target.tls(),
                target.http2());
        return new Scenario(name, hidden, workload, load, agents, onAgentLoss, repeats, slo);
    }
}
