package dev.loadlab.coordinator.http;

import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** What every handler class shares: reading a required body, running work off the event loop, answering JSON. */
final class Replies {
    private Replies() {}

    /** Runs {@code work} off the event loop and answers 200 with its result as JSON; failures go to ProblemHandler. */
    static <T> void blocking(Vertx vertx, RoutingContext ctx, Callable<T> work) {
        vertx.executeBlocking(work, false)
                .onSuccess(value -> json(ctx, 200, value))
                .onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, Object value) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.write(value));
    }

    /** 202 with the new run's id and its Location. */
    static void accepted(RoutingContext ctx, UUID id) {
        String location = HttpApi.RUNS + "/" + id;
        ctx.response().putHeader("Location", location);
        json(ctx, 202, Map.of("id", id.toString(), "status", "QUEUED", "href", location));
    }

    /** The request body, or null after failing the request with a problem naming the missing body. */
    static String requiredBody(RoutingContext ctx) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            ctx.fail(new InvalidInputException("$", "is required: send a scenario as the JSON body"));
            return null;
        }
        return body;
    }
}
