package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: maps every failure to a {@link Problem}. Bad input is 400 naming the field, a body in a
 * format the route does not read 415 naming {@code Content-Type}; a body over
 * the limit is 400 naming the limit (the issue tracker's contract), unknown routes 404, storage faults 503, anything
 * else 500 without internals. Stateless.
 */
final class ProblemHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    /** The body limit of the route at a path: a dataset upload has its own. */
    private final ToIntFunction<String> maxBodyBytes;

    ProblemHandler(ToIntFunction<String> maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        Problem problem =
                switch (ctx.failure()) {
                    case InvalidInputException invalid -> Problem.invalid(invalid.errors(), path);
                    case ApiException api -> answer(ctx, api, path);
                    case StorageException db -> {
                        LOG.error("storage fault on {} {}", ctx.request().method(), path, db);
                        yield Problem.of(
                                503,
                                "storage-unavailable",
                                "Storage unavailable",
                                "PostgreSQL did not complete the request; nothing was changed, retry later",
                                path);
                    }
                    case null -> byStatus(ctx.statusCode(), path);
                    default -> {
                        LOG.error("unexpected failure on {} {}", ctx.request().method(), path, ctx.failure());
                        yield Problem.of(
                                500, "internal", "Internal error", "the coordinator failed; see its log", path);
                    }
                };
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.CONTENT_TYPE)
                .end(Json.write(problem));
    }

    /** The one place each {@link ApiException} case becomes its answer; the switch is exhaustive over the cases. */
    private static Problem answer(RoutingContext ctx, ApiException failure, String path) {
        String detail = failure.getMessage();
        return switch (failure) {
            case ApiException.Unauthorized unauthorized -> {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"loadlab\"");
                yield Problem.of(401, "unauthorized", "Unauthorized", detail, path);
            }
            case ApiException.NotFound missing -> Problem.of(404, "not-found", "Not found", detail, path);
            case ApiException.Conflict conflict -> Problem.of(409, "conflict", "Conflict", detail, path);
            case ApiException.Unavailable down -> Problem.of(503, "unavailable", "Unavailable", detail, path);
            case ApiException.UnsupportedMediaType media -> Problem.unsupportedMediaType(detail, path);
        };
    }

    private Problem byStatus(int status, String path) {
        return switch (status) {
            case 413 ->
                Problem.invalid(
                        List.of(new FieldError(
                                "$",
                                "the request body is larger than the limit of " + maxBodyBytes.applyAsInt(path)
                                        + " bytes")),
                        path);
            case 404 -> Problem.of(404, "not-found", "Not found", "no such resource: " + path, path);
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", "see /api/v1 routes", path);
            default ->
                Problem.of(
                        status < 400 ? 500 : status,
                        "http-" + status,
                        "HTTP " + status,
                        "the request failed with status " + status,
                        path);
        };
    }
}
