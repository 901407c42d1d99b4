package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a step does when one of its agents dies. {@code continue}: the others finish it and it ends DEGRADED, naming
 * the lost agent. {@code abort}: the others are stopped and the step and its run fail.
 */
public enum OnAgentLoss {
    CONTINUE("continue"),
    ABORT("abort");

    private final String wireName;

    OnAgentLoss(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
