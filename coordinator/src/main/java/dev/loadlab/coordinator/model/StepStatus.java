package dev.loadlab.coordinator.model;

/** How a step ended. DEGRADED: finished, but without every agent it started with. */
public enum StepStatus {
    SUCCEEDED,
    FAILED,
    CANCELLED,
    DEGRADED
}
