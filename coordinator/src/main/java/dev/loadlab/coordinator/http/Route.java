package dev.loadlab.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/** One line of the route table: a method, a Vert.x path (with {@code :param} placeholders) and its handler. */
record Route(HttpMethod method, String path, Handler<RoutingContext> handler) {
    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String path, Handler<RoutingContext> handler) {
        return new Route(HttpMethod.GET, path, handler);
    }

    static Route post(String path, Handler<RoutingContext> handler) {
        return new Route(HttpMethod.POST, path, handler);
    }

    static Route put(String path, Handler<RoutingContext> handler) {
        return new Route(HttpMethod.PUT, path, handler);
    }

    static Route delete(String path, Handler<RoutingContext> handler) {
        return new Route(HttpMethod.DELETE, path, handler);
    }

    /** {@code "METHOD /path"}, the form {@link HttpApi#routes()} lists. */
    String describe() {
        return method.name() + " " + path;
    }
}
