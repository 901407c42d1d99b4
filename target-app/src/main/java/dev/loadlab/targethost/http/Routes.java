package dev.loadlab.targethost.http;

import dev.loadlab.targethost.work.BadParameterException;
import dev.loadlab.targethost.work.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference app's route table, shared by every front-end (the in-process JDK {@code HttpServer} of the threaded
 * profile and the raw front-ends of the worker processes), so that they cannot drift apart:
 *
 * <ul>
 *   <li>{@code GET /health}, {@code GET /stats} (not counted)
 *   <li>the workload endpoints of {@link Endpoint#PATHS}, {@code GET} only
 *   <li>{@code POST /login}; {@code POST} and {@code GET /items}, {@code GET /items/{id}} (bearer token); {@code /echo}
 *       (any method)
 * </ul>
 *
 * Anything else is a 404. On a workload endpoint the query is checked before the method, so a bad query answers 400
 * whatever the method; the 404 does not look at the method at all.
 *
 * <p>This runs once per request of the target under load: no streams, no regular expressions, no exception on the
 * normal path, and no allocation beyond the {@link Endpoint} and its {@link Route.Perform} (the fixed routes are shared
 * instances). The scenario paths are matched after {@link Endpoint#parse}, in a method of their own, so they add nothing
 * to a workload request's routing. Stateless, hence thread-safe.
 */
public final class Routes {
    /** Counted under these keys, besides {@link Endpoint#PATHS}. */
    public static final String LOGIN = "/login";

    public static final String ITEMS = "/items";

    /** Every {@code /items/ID} is counted under this one key. */
    public static final String ITEM = "/items/{id}";

    public static final String ECHO = "/echo";

    /** Every key responses are counted under, in the order {@code /stats} lists them. */
    public static final List<String> COUNTED_PATHS = counted();

    private static final String ITEM_PREFIX = "/items/";

    /** The 404's detail after the path: everything the target serves, written once for all front-ends. */
    private static final String SERVED = "; the target serves /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M, /health,"
            + " /stats, POST /login, POST and GET /items, GET /items/{id} and /echo";

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
                return get ? Route.HEALTH : methodNotAllowed(method, null, "GET");
            }
            case "/stats" -> {
                return get ? Route.STATS : methodNotAllowed(method, null, "GET");
            }
            default -> {
                Endpoint endpoint;
                try {
                    endpoint = Endpoint.parse(path, rawQuery);
                } catch (BadParameterException e) {
                    return new Route.BadRequest(e.getMessage(), e.parameter());
                }
                if (endpoint != null) {
                    return get ? new Route.Perform(endpoint) : methodNotAllowed(method, endpoint.path(), "GET");
                }
                return scenario(method, path);
            }
        }
    }

    /**
     * The scenario paths, and the 404. A method of its own, so that {@link #resolve} stays as small as it was before
     * them: the JIT then still inlines it into the front-end and the workload request's {@link Route.Perform} is never
     * allocated.
     */
    private static Route scenario(String method, String path) {
        switch (path) {
            case LOGIN -> {
                return method.equals("POST") ? Route.LOGIN : methodNotAllowed(method, LOGIN, "POST");
            }
            case ITEMS -> {
                if (method.equals("GET")) {
                    return Route.LIST_ITEMS;
                }
                return method.equals("POST") ? Route.CREATE_ITEM : methodNotAllowed(method, ITEMS, "GET, POST");
            }
            case ECHO -> {
                return Route.ECHO;
            }
            default -> {
                if (path.startsWith(ITEM_PREFIX) && path.length() > ITEM_PREFIX.length()) {
                    return method.equals("GET")
                            ? new Route.ReadItem(path.substring(ITEM_PREFIX.length()))
                            : methodNotAllowed(method, ITEM, "GET");
                }
                return new Route.NotFound("no endpoint " + path + SERVED);
            }
        }
    }

    private static Route methodNotAllowed(String method, String countedAs, String allow) {
        return new Route.MethodNotAllowed(
                "method " + method + " is not allowed here; use " + allow.replace(", ", " or "), countedAs, allow);
    }

    private static List<String> counted() {
        List<String> paths = new ArrayList<>(Endpoint.PATHS);
        paths.addAll(List.of(LOGIN, ITEMS, ITEM, ECHO));
        return List.copyOf(paths);
    }
}
