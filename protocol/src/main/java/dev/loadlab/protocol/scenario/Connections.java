package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the load generator's virtual users hold their TCP connections, the client behaviour that decides how a
 * multi-process server spreads its work. {@code per-user}: every user keeps one keep-alive connection of its own, like
 * wrk's connections (the closed model's default). {@code shared}: users take connections from one keep-alive pool
 * (the open and search models' default: an arrival is not a client with a socket). {@code close-each}: every request
 * opens a new connection and closes it after the answer, so each request is accepted afresh by whichever worker the
 * kernel picks.
 */
public enum Connections {
    PER_USER("per-user"),
    SHARED("shared"),
    CLOSE_EACH("close-each");

    private final String wireName;

    Connections(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** What a load of {@code model} does when the scenario does not say. */
    public static Connections defaultFor(LoadModel model) {
        return model == LoadModel.CLOSED ? PER_USER : SHARED;
    }
}
