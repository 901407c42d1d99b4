package dev.loadlab.targethost.http;

import dev.loadlab.targethost.work.Endpoint;

/**
 * Where {@link Routes#resolve} sent a request: what the reference app answers, before any front-end has encoded it. Each
 * front-end turns a case into its own response (the JDK {@code HttpServer} exchange, or raw HTTP/1.1 bytes) and counts
 * it in {@code RequestStats}; the decision itself, and every error text, is made once, in {@link Routes}. Immutable.
 */
public sealed interface Route {
    /**
     * The only {@link Health}: the cases without components are shared instances, so that routing {@code /health} and
     * {@code /stats} allocates nothing.
     */
    Health HEALTH = new Health();

    /** The only {@link Stats}, see {@link #HEALTH}. */
    Stats STATS = new Stats();

    /** {@code GET /health}: answer {@code {"status":"UP"}}. Not counted. */
    record Health() implements Route {}

    /** {@code GET /stats}: answer the request counters. Not counted. */
    record Stats() implements Route {}

    /** {@code GET} on a workload endpoint: carry {@code endpoint} out, then answer 200 and count it. */
    record Perform(Endpoint endpoint) implements Route {}

    /**
     * A method other than {@code GET}: answer 405 with {@code Allow: GET}.
     *
     * @param detail the problem's detail, naming the method
     * @param counted true on a workload endpoint, whose counter includes the 405; false on {@code /health} and {@code
     *     /stats}, which are not counted
     */
    record MethodNotAllowed(String detail, boolean counted) implements Route {}

    /** No such path: answer 404 with {@code detail}, which lists what the target serves. Not counted. */
    record NotFound(String detail) implements Route {}

    /**
     * A workload endpoint whose query is missing a parameter, repeats it or puts it out of bounds: answer 400 and count
     * it on the request's path.
     *
     * @param detail names the parameter and its bound; safe to show the client
     * @param parameter the offending query parameter, e.g. {@code ms}
     */
    record BadRequest(String detail, String parameter) implements Route {}
}
