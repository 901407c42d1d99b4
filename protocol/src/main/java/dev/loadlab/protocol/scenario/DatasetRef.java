package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A stored dataset a workload draws rows from; its columns become session variables. {@code strategy}: {@code
 * circular} (in order, starting over at the end; the default), {@code random} (any row, with replacement) or {@code
 * queue} (each row once across all agents: each agent gets a disjoint slice; a user that finds the queue empty
 * stops). Immutable.
 */
public record DatasetRef(String name, Strategy strategy) {
    public DatasetRef {
        strategy = strategy == null ? Strategy.CIRCULAR : strategy;
    }

    public enum Strategy {
        CIRCULAR("circular"),
        RANDOM("random"),
        QUEUE("queue");

        private final String wireName;

        Strategy(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }
}
