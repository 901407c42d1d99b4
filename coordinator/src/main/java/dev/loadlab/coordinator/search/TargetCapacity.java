package dev.loadlab.coordinator.search;

import java.util.Set;

/**
 * How many cores a target profile's W workers can keep busy at most, the ceiling {@link GeneratorCheck} compares the
 * target's measured cores with: the rule the target host's own profiles follow, applied from the step's plan. A
 * built-in profile gets min(W, machine cores), {@code threaded-gil} one core (its emulated interpreter lock runs one
 * thread at a time, whatever W); a command profile, or a target used as it is, only the machine's cores. Stateless.
 */
public final class TargetCapacity {
    /** The built-in profiles whose every worker can use one core. */
    static final Set<String> CORE_PER_WORKER = Set.of("multi-process", "threaded", "async", "green");

    static final String GIL = "threaded-gil";

    private TargetCapacity() {}

    /**
     * @param profile the step's profile, null when the run used the target as it is
     * @param workers the step's W, null when unknown
     * @param machineCores the cores of the machine the target runs on
     */
    public static double cores(String profile, Integer workers, int machineCores) {
        if (GIL.equals(profile)) {
            return 1;
        }
        if (profile != null && workers != null && CORE_PER_WORKER.contains(profile)) {
            return Math.min(workers, machineCores);
        }
        return machineCores;
    }
}
