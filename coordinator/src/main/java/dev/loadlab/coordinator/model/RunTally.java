package dev.loadlab.coordinator.model;

import java.util.List;

/** The storage port that counts every stored run by status and verdict, for the coordinator's metrics. */
public interface RunTally {
    /**
     * How many stored runs have each status and verdict; {@code verdict} is {@code passed}, {@code failed},
     * {@code inconclusive}, or null while a run is queued or running. Immutable.
     */
    record RunCount(RunStatus status, String verdict, long runs) {}

    /** One row per status and verdict that some run has. */
    List<RunCount> countRuns();
}
