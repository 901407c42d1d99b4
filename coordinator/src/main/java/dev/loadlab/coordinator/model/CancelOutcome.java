package dev.loadlab.coordinator.model;

/** What a cancel request did: stopped a queued run at once, is stopping a running one, or found it already final. */
public enum CancelOutcome {
    CANCELLED,
    CANCELLING,
    ALREADY_FINAL,
    NOT_FOUND
}
