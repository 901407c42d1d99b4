package dev.loadlab.coordinator.model;

/** Where a run is in its life. QUEUED → RUNNING → one of the three final states. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
