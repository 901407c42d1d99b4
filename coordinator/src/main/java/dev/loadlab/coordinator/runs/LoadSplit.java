package dev.loadlab.coordinator.runs;

import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;

/**
 * Divides a step's load across agents exactly: closed-model users as whole users with the remainder spread over the
 * first agents, open-model rate in equal parts. A staged load is not divided here: each agent gets null users and
 * rate and takes its share of every stage by its agent index, by the same rules. Stateless.
 */
public final class LoadSplit {
    private LoadSplit() {}

    /** Users for agent {@code index} of {@code agents} (closed model). */
    public static int users(int total, int agents, int index) {
        return total / agents + (index < total % agents ? 1 : 0);
    }

    /** Arrivals per second for each of {@code agents} agents (open model). */
    public static double rate(double total, int agents) {
        return total / agents;
    }

    /** This agent's users for a constant closed load; null for any other load (open, search, staged). */
    public static Integer usersOrNull(Load load, int agents, int index) {
        return load.model() == LoadModel.CLOSED && !load.staged() && load.users() != null
                ? users(load.users(), agents, index)
                : null;
    }

    /** Each agent's rate for a constant open load; null for any other load (closed, search, staged). */
    public static Double rateOrNull(Load load, int agents) {
        return load.model() == LoadModel.OPEN && !load.staged() && load.rate() != null
                ? rate(load.rate(), agents)
                : null;
    }
}
