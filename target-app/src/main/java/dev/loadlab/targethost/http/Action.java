package dev.loadlab.targethost.http;

import dev.loadlab.targethost.work.Endpoint;

/**
 * What a front-end must do with a request: send a ready answer, carry out an endpoint request its own way, or have a
 * scenario endpoint served. Immutable.
 */
public sealed interface Action {
    /** Send {@code bytes}; close the connection afterwards unless {@code keepAlive}. */
    record Reply(byte[] bytes, boolean keepAlive) implements Action {}

    /** Wait {@code endpoint.ioMs()} the front-end's way, then call {@link WorkerApp#complete}. */
    record Perform(Endpoint endpoint, boolean keepAlive) implements Action {}

    /**
     * A scenario endpoint: call {@link WorkerApp#serve} on a thread that may run "Python code" (under the emulated
     * interpreter lock, if any), and send what it returns.
     */
    record Serve(Route.ShopCall call, HttpRequest request, boolean keepAlive) implements Action {}
}
