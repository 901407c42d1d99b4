package dev.loadlab.targethost.http;

import dev.loadlab.targethost.work.BadParameterException;
import dev.loadlab.targethost.work.Endpoint;

/**
 * The reference app's route table, shared by every front-end (the in-process JDK {@code HttpServer} of the threaded
 * profile and the raw front-ends of the worker processes), so that they cannot drift apart: {@code /health}, {@code
 * /stats}, then the workload endpoints of {@link Endpoint#PATHS}; anything else is a 404. Query parameters are checked
 * before the method, so a bad query answers 400 whatever the method; the 404 does not look at the method at all.
 *
 * <p>This runs once per request of the target under load: no streams, no regular expressions, no exception on the
 * normal path, and no allocation beyond the {@link Endpoint} and its {@link Route.Perform} (the fixed routes are shared
 * instances). Stateless, hence thread-safe.
 */
public final class Routes {
    /** The 404's detail after the path: everything the target serves, written once for all front-ends. */
    private static final String SERVED =
            "; the target serves /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M, /health and /stats";

    private Routes() {}

    /**
     * Decides what the app answers; never throws for client input.
     *
     * @param method the request method, e.g. {@code GET}
     * @param path the raw path, without the query
     * @param rawQuery the raw (still percent-encoded) query, or {@code null}
     */
    public static Route resolve(String method, String path, String rawQuery) {
        boolean get = method.equals("GET");
        switch (path) {
            case "/health" -> {
                return get ? Route.HEALTH : methodNotAllowed(method, false);
            }
            case "/stats" -> {
                return get ? Route.STATS : methodNotAllowed(method, false);
            }
            default -> {
                Endpoint endpoint;
                try {
                    endpoint = Endpoint.parse(path, rawQuery);
                } catch (BadParameterException e) {
                    return new Route.BadRequest(e.getMessage(), e.parameter());
                }
                if (endpoint == null) {
                    return new Route.NotFound("no endpoint " + path + SERVED);
                }
                return get ? new Route.Perform(endpoint) : methodNotAllowed(method, true);
            }
        }
    }

    private static Route methodNotAllowed(String method, boolean counted) {
        return new Route.MethodNotAllowed("method " + method + " is not allowed here; use GET", counted);
    }
}
