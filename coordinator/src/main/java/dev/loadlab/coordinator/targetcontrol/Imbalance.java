package dev.loadlab.coordinator.targetcontrol;

import dev.loadlab.coordinator.model.TargetUsage.WorkerUsage;
import dev.loadlab.protocol.scenario.Connections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a step's workers shared its work badly unevenly, and says so in one plain sentence that names the
 * likely cause. Only processes in the role {@code worker} count (a master or helper does no request work). Pure and
 * stateless.
 */
public final class Imbalance {
    /** Below this much CPU over all workers in the window, shares are noise. */
    static final double NEGLIGIBLE_CPU_SECONDS = 0.2;
    /** The busiest worker did at least this many times the even share of the workers' CPU. */
    static final double UNEVEN_FACTOR = 1.5;
    /** A worker below this share of the workers' CPU is named idle. */
    static final double IDLE_SHARE = 0.02;

    private Imbalance() {}

    /**
     * The note for {@code workers}, or {@code null} when there are fewer than 2 workers, their CPU is negligible, or the
     * busiest did less than {@link #UNEVEN_FACTOR} times the even share.
     *
     * @param connections how the load generator held its connections (the scenario's effective choice); {@code null}
     *     when unknown
     * @param users the closed model's users, {@code null} for other models
     */
    public static String note(List<WorkerUsage> workers, Connections connections, Integer users) {
        List<WorkerUsage> counted = workers.stream()
                .filter(worker -> "worker".equals(worker.role()) && worker.cpuSeconds() != null)
                .sorted(Comparator.comparingDouble(WorkerUsage::cpuSeconds).reversed())
                .toList();
        if (counted.size() < 2) {
            return null;
        }
        double total = counted.stream().mapToDouble(WorkerUsage::cpuSeconds).sum();
        if (total < NEGLIGIBLE_CPU_SECONDS) {
            return null;
        }
        int count = counted.size();
        double busiest = counted.get(0).cpuSeconds() / total;
        if (busiest < UNEVEN_FACTOR / count) {
            return null;
        }
        WorkerUsage top = counted.get(0);
        StringBuilder note = new StringBuilder("one of ")
                .append(count)
                .append(" workers did ")
                .append(percent(busiest))
                .append(" of the work: ")
                .append(cause(count, connections, users))
                .append(String.format(
                        Locale.ROOT,
                        "; pid %d used %.2f of the workers' %.2f CPU s (an even share is %s)",
                        top.pid(),
                        top.cpuSeconds(),
                        total,
                        percent(1.0 / count)));
        List<String> idle = new ArrayList<>();
        for (WorkerUsage worker : counted) {
            if (worker.cpuSeconds() / total < IDLE_SHARE) {
                idle.add(Long.toString(worker.pid()));
            }
        }
        if (!idle.isEmpty()) {
            note.append("; idle (under ")
                    .append(percent(IDLE_SHARE))
                    .append("): ")
                    .append(idle.size() == 1 ? "pid " : "pids ")
                    .append(String.join(", ", idle));
        }
        return note.toString();
    }

    private static String cause(int workers, Connections connections, Integer users) {
        if (users != null && users < workers) {
            return "only " + users + (users == 1 ? " user" : " users") + " for " + workers
                    + " workers, so some workers had no connection to serve";
        }
        if (connections == Connections.CLOSE_EACH) {
            return "the kernel handed new connections unevenly (connections: close-each)";
        }
        if (connections == Connections.PER_USER || connections == Connections.SHARED) {
            return "keep-alive connections stay on the worker that accepted them (connections: "
                    + connections.wireName() + "); try \"connections\": \"close-each\" to spread them";
        }
        return "the cause is unknown (the step's connection behaviour is not recorded)";
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }
}
