package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.inputs.Change;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.ScenarioFormat;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
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

    /** The answer to deleting a dataset or secret: 204, 404, or 409 naming the saved scenarios that use it. */
    static void deleted(RoutingContext ctx, String kind, Change change) {
        switch (change) {
            case Change.Done done -> ctx.response().setStatusCode(204).end();
            case Change.Missing missing ->
                ctx.fail(new ApiException.NotFound("no " + kind + " named " + missing.name()));
            case Change.InUse inUse ->
                ctx.fail(new ApiException.Conflict(kind + " " + inUse.name() + " is used by the saved scenario(s) "
                        + String.join(", ", inUse.scenarios()) + "; change or delete them first"));
            default -> ctx.fail(new IllegalStateException("unexpected outcome of a delete"));
        }
    }

    /** 202 with the new run's id and its Location. */
    static void accepted(RoutingContext ctx, UUID id) {
        String location = HttpApi.RUNS + "/" + id;
        ctx.response().putHeader("Location", location);
        json(ctx, 202, Map.of("id", id.toString(), "status", "QUEUED", "href", location));
    }

    /**
     * The scenario format the request's {@code Content-Type} names: JSON ({@code application/json},
     * {@code application/*+json}, or no header) or YAML ({@code application/yaml}, {@code application/x-yaml},
     * {@code text/yaml}); any other is refused with 415 before the body is read.
     */
    static ScenarioFormat scenarioFormat(RoutingContext ctx) {
        String media = mediaType(ctx);
        if (isJson(media)) {
            return ScenarioFormat.JSON;
        }
        return switch (media) {
            case "application/yaml", "application/x-yaml", "text/yaml" -> ScenarioFormat.YAML;
            default ->
                throw new ApiException.UnsupportedMediaType("must be application/json (or application/*+json) or"
                        + " application/yaml (also application/x-yaml, text/yaml) for a scenario, was \""
                        + ctx.request().getHeader("Content-Type") + "\"");
        };
    }

    /** Refuses (415) a body whose {@code Content-Type} is not JSON; {@code what} names the body for the message. */
    static void requireJson(RoutingContext ctx, String what) {
        if (!isJson(mediaType(ctx))) {
            throw new ApiException.UnsupportedMediaType("must be application/json (or application/*+json) for " + what
                    + ", was \"" + ctx.request().getHeader("Content-Type") + "\"");
        }
    }

    /** The request's media type, lowercased, without parameters; empty when it sends none. */
    static String mediaType(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** JSON: {@code application/json}, a JSON-based {@code application/*+json}, or no header (the body is JSON). */
    static boolean isJson(String media) {
        return media.isEmpty()
                || media.equals("application/json")
                || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** The request body, or null after failing the request with a problem naming the missing body. */
    static String requiredBody(RoutingContext ctx) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            ctx.fail(new InvalidInputException("$", "is required: send a scenario as the JSON or YAML body"));
            return null;
        }
        return body;
    }
}
