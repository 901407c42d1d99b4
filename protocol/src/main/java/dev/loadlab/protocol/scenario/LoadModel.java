package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How load is applied. {@code closed}: a fixed number of users, each sending its next request when the previous one
 * answered (throughput is what the target allows). {@code open}: new arrivals at a fixed rate whatever the target
 * does (latency shows queueing).
 */
public enum LoadModel {
    CLOSED("closed"),
    OPEN("open");

    private final String wireName;

    LoadModel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
