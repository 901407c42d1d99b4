package dev.loadlab.coordinator.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides from a step's figures whether its load generator was the limit, and whether the step was merely
 * under-loaded. The rules, each named in the result with the figures it fired on:
 *
 * <ul>
 *   <li>{@code agent-cpu}: an agent's process averaged more than {@link #AGENT_CPU_LIMIT} of the cores it may use;
 *   <li>{@code agent-half-machine}: an agent's process used more than {@link #AGENT_HALF_LIMIT} of the cores it may
 *       use while the target used less than {@link #TARGET_LIMIT} of its capacity (an agent sharing a machine with its
 *       target never reaches the first rule, yet takes the cores the target would need);
 *   <li>{@code machine-saturated}: an agent's machine was more than {@link #MACHINE_LIMIT} busy while the target used
 *       less than {@link #TARGET_LIMIT} of its capacity, and the agent itself used at least {@link
 *       #AGENT_BUSY_FLOOR} of its cores; and, for a target whose own CPU is unknown (no target host samples it: nginx,
 *       the user's own app), when the machine was that busy while the agent used more than {@link #AGENT_HALF_LIMIT}
 *       of its cores: without the target's figure a generator that takes half its machine's cores on a saturated
 *       machine cannot be shown not to be the limit, so it is flagged rather than trusted;
 *   <li>{@code open-model-behind}: an open model fell behind its arrival schedule.
 * </ul>
 *
 * <p>A closed model with fewer users than the target has workers is under-loaded: at most one worker per user can be
 * busy, so that is the scenario's choice, not a generator fault, and the capacity the two target rules compare with is
 * cut to the users. Pure and stateless.
 */
public final class GeneratorCheck {
    public static final String AGENT_CPU = "agent-cpu";
    public static final String AGENT_HALF_MACHINE = "agent-half-machine";
    public static final String MACHINE_SATURATED = "machine-saturated";
    public static final String OPEN_MODEL_BEHIND = "open-model-behind";

    /** Above this average share of its cores, an agent was too busy to measure the target honestly. */
    public static final double AGENT_CPU_LIMIT = 0.9;

    /** Above this share of its cores, an agent took what a target below its capacity could have used. */
    public static final double AGENT_HALF_LIMIT = 0.5;

    /** Above this busy share, the machine had nothing left for the generator or the target. */
    public static final double MACHINE_LIMIT = 0.9;

    /**
     * A saturated machine counts against an agent only when the agent itself used at least this share of its cores:
     * one that needed little CPU (one user's latency-bound load, a slow probe) was not what the machine starved, even
     * when other work kept every core busy.
     */
    public static final double AGENT_BUSY_FLOOR = 0.25;

    /** Below this share of its capacity, the target still had cores to use: it was not the limit. */
    public static final double TARGET_LIMIT = 0.9;

    private GeneratorCheck() {}

    /**
     * One agent's figures over the measured window.
     *
     * @param cpuShare its process's CPU over the cores it may use (0..1), null when unknown
     * @param machineCpuShare its whole machine's busy share (0..1), null when unknown
     * @param cores the cores it may use, null when unknown
     * @param behindSchedule whether its open model fell behind its arrival schedule
     */
    public record Agent(String id, Double cpuShare, Double machineCpuShare, Integer cores, boolean behindSchedule) {}

    /**
     * The step's verdict: the rules that fired (none: not generator-bound), and whether it was under-loaded and why.
     */
    public record Verdict(List<GeneratorRule> rules, boolean underLoaded, String underLoadedReason) {
        public Verdict {
            rules = List.copyOf(rules);
        }

        public boolean generatorBound() {
            return !rules.isEmpty();
        }

        /** The rules' details joined, or null when none fired. */
        public String reason() {
            return rules.isEmpty()
                    ? null
                    : rules.stream().map(GeneratorRule::detail).collect(Collectors.joining("; "));
        }
    }

    /**
     * @param agents every agent that reported, in the order to name them
     * @param targetCpuCores the target's average cores over the measured window, null when not sampled
     * @param targetCapacityCores how many cores the target's workers can keep busy at most, null when unknown (the two
     *     rules that compare the target with it are then not applied)
     * @param closedUsers the closed model's users over all agents, null for any other load
     * @param workers the target's W, null when unknown
     */
    public static Verdict check(
            List<Agent> agents,
            Double targetCpuCores,
            Double targetCapacityCores,
            Integer closedUsers,
            Integer workers) {
        boolean underLoaded = closedUsers != null && workers != null && closedUsers < workers;
        String underLoadedReason = underLoaded
                ? String.format(
                        Locale.ROOT,
                        "%d %s for %d workers: at most %d %s can be busy; the scenario's choice, not a generator fault",
                        closedUsers,
                        closedUsers == 1 ? "user" : "users",
                        workers,
                        closedUsers,
                        closedUsers == 1 ? "worker" : "workers")
                : null;
        Double capacity = targetCapacityCores == null
                ? null
                : underLoaded ? Math.min(targetCapacityCores, closedUsers) : targetCapacityCores;
        boolean targetBelow = targetCpuCores != null && capacity != null && targetCpuCores < TARGET_LIMIT * capacity;
        String target = targetBelow ? targetText(targetCpuCores, capacity, underLoaded) : null;

        List<GeneratorRule> rules = new ArrayList<>();
        busiest(agents, Agent::cpuShare, AGENT_CPU_LIMIT)
                .ifPresent(a -> rules.add(new GeneratorRule(
                        AGENT_CPU,
                        String.format(
                                Locale.ROOT,
                                "agent %s averaged %.0f %% of %s over the measured window (limit %.0f %%)",
                                a.id(),
                                a.cpuShare() * 100,
                                coresText(a.cores()),
                                AGENT_CPU_LIMIT * 100))));
        if (targetBelow) {
            busiest(agents, Agent::cpuShare, AGENT_HALF_LIMIT)
                    .ifPresent(a -> rules.add(new GeneratorRule(
                            AGENT_HALF_MACHINE,
                            String.format(
                                    Locale.ROOT,
                                    "agent %s used %.0f %% of %s (limit %.0f %%) while %s",
                                    a.id(),
                                    a.cpuShare() * 100,
                                    coresText(a.cores()),
                                    AGENT_HALF_LIMIT * 100,
                                    target))));
            busiest(
                            agents.stream()
                                    .filter(a -> a.cpuShare() != null && a.cpuShare() >= AGENT_BUSY_FLOOR)
                                    .toList(),
                            Agent::machineCpuShare,
                            MACHINE_LIMIT)
                    .ifPresent(a -> rules.add(new GeneratorRule(
                            MACHINE_SATURATED,
                            String.format(
                                    Locale.ROOT,
                                    "the machine of agent %s was %.0f %% busy (limit %.0f %%) while %s",
                                    a.id(),
                                    a.machineCpuShare() * 100,
                                    MACHINE_LIMIT * 100,
                                    target))));
        }
        if (targetCpuCores == null) {
            busiest(
                            agents.stream()
                                    .filter(a -> a.cpuShare() != null && a.cpuShare() > AGENT_HALF_LIMIT)
                                    .toList(),
                            Agent::machineCpuShare,
                            MACHINE_LIMIT)
                    .ifPresent(a -> rules.add(new GeneratorRule(
                            MACHINE_SATURATED,
                            String.format(
                                    Locale.ROOT,
                                    "the machine of agent %s was %.0f %% busy (limit %.0f %%) and the agent used %.0f %%"
                                            + " of %s (limit %.0f %%); the target's own CPU is unknown (no target"
                                            + " host sampled it), so the generator may have been the limit",
                                    a.id(),
                                    a.machineCpuShare() * 100,
                                    MACHINE_LIMIT * 100,
                                    a.cpuShare() * 100,
                                    coresText(a.cores()),
                                    AGENT_HALF_LIMIT * 100))));
        }
        List<String> behind =
                agents.stream().filter(Agent::behindSchedule).map(Agent::id).toList();
        if (!behind.isEmpty()) {
            rules.add(new GeneratorRule(
                    OPEN_MODEL_BEHIND, "Gatling fell behind its open-model arrival schedule on agent(s) " + behind));
        }
        return new Verdict(rules, underLoaded, underLoadedReason);
    }

    /** The agent with the highest figure above {@code limit}; the first named on a tie. */
    private static Optional<Agent> busiest(List<Agent> agents, Function<Agent, Double> figure, double limit) {
        return agents.stream()
                .filter(a -> figure.apply(a) != null && figure.apply(a) > limit)
                .max(Comparator.comparing(figure).thenComparing(Agent::id, Comparator.reverseOrder()));
    }

    private static String coresText(Integer cores) {
        return cores == null ? "its cores" : cores == 1 ? "its 1 core" : "its " + cores + " cores";
    }

    private static String targetText(double cpuCores, double capacity, boolean underLoaded) {
        return String.format(
                Locale.ROOT,
                "the target used %.2f of its %.1f cores%s",
                cpuCores,
                capacity,
                underLoaded ? " (as many as the users can keep busy)" : "");
    }
}
