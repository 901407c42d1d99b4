package dev.loadlab.targethost.http;

import dev.loadlab.targethost.work.Endpoint;

/** What a front-end must do with a request: send a ready answer, or carry out an endpoint request its own way. Immutable. */
public sealed interface Action {
    /** Send {@code bytes}; close the connection afterwards unless {@code keepAlive}. */
    record Reply(byte[] bytes, boolean keepAlive) implements Action {}

    /** Wait {@code endpoint.ioMs()} the front-end's way, then call {@link WorkerApp#complete}. */
    record Perform(Endpoint endpoint, boolean keepAlive) implements Action {}
}
