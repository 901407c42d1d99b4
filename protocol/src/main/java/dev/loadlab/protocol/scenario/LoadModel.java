package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How load is applied. {@code closed}: a fixed number of users, each sending its next request when the previous one
 * answered (throughput is what the target allows). {@code open}: new arrivals at a fixed rate whatever the target
 * does (latency shows queueing). {@code search}: open-model probes at changing rates, ramping then bisecting, to find
 * the highest rate that meets the scenario's {@link Slo}.
 */
public enum LoadModel {
    CLOSED("closed"),
    OPEN("open"),
    SEARCH("search");

    private final String wireName;

    LoadModel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
