package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.model.TrendMetric;
import dev.loadlab.coordinator.model.TrendPoint;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The comparison routes. Each handler parses the query, calls {@link CompareService} off the event loop and writes
 * JSON; failures go to the router's failure handler ({@link InvalidInputException} for 400 naming the parameter,
 * {@link CompareNotFoundException} for 404). Thread-safe.
 *
 * <ul>
 *   <li>{@code GET /api/v1/compare?baseline=<run id>&candidate=<run id>} → {@link CompareReport}
 *   <li>{@code GET /api/v1/scenarios/:name/trend?metric=throughput|p50|p99|errorRate[&profile=P&workers=W][&limit=N]}
 *       → a JSON array of {@link TrendPoint}, oldest first
 * </ul>
 */
public final class CompareRoutes {
    public static final String COMPARE = "/api/v1/compare";
    public static final String TREND = "/api/v1/scenarios/:name/trend";

    private final CompareService service;

    public CompareRoutes(CompareService service) {
        this.service = service;
    }

    /** Adds the two routes to {@code router}; register them before any catch-all route. */
    public void register(Router router, Vertx vertx) {
        router.get(COMPARE).handler(ctx -> compare(ctx, vertx));
        router.get(TREND).handler(ctx -> trend(ctx, vertx));
    }

    private void compare(RoutingContext ctx, Vertx vertx) {
        List<FieldError> errors = new ArrayList<>();
        UUID baseline = runId(ctx, "baseline", errors);
        UUID candidate = runId(ctx, "candidate", errors);
        if (!errors.isEmpty()) {
            ctx.fail(new InvalidInputException(errors));
            return;
        }
        blocking(ctx, vertx, () -> service.compare(baseline, candidate));
    }

    private void trend(RoutingContext ctx, Vertx vertx) {
        String name = ctx.pathParam("name");
        List<FieldError> errors = new ArrayList<>();
        String rawMetric = ctx.queryParams().get("metric");
        TrendMetric metric =
                rawMetric == null ? null : TrendMetric.byName(rawMetric).orElse(null);
        if (metric == null) {
            errors.add(new FieldError(
                    "metric",
                    rawMetric == null
                            ? "is required: one of " + TrendMetric.allowed()
                            : "must be one of " + TrendMetric.allowed() + ", was \"" + rawMetric + "\""));
        }
        String profile = ctx.queryParams().get("profile");
        if (profile != null && profile.isBlank()) {
            errors.add(new FieldError("profile", "must not be blank"));
        }
        Integer workers = integer(ctx, "workers", null, errors);
        Integer limit = integer(ctx, "limit", CompareService.DEFAULT_TREND_LIMIT, errors);
        if (!errors.isEmpty()) {
            ctx.fail(new InvalidInputException(errors));
            return;
        }
        blocking(ctx, vertx, () -> service.trend(name, metric, profile, workers, limit));
    }

    private static UUID runId(RoutingContext ctx, String param, List<FieldError> errors) {
        String raw = ctx.queryParams().get(param);
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(param, "is required: a run id (UUID)"));
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(param, "must be a run id (UUID), was \"" + raw + "\""));
            return null;
        }
    }

    private static Integer integer(RoutingContext ctx, String param, Integer fallback, List<FieldError> errors) {
        String raw = ctx.queryParams().get(param);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(param, "must be a whole number, was \"" + raw + "\""));
            return fallback;
        }
    }

    private static <T> void blocking(RoutingContext ctx, Vertx vertx, Callable<T> work) {
        vertx.executeBlocking(work, false)
                .onSuccess(value -> ctx.response()
                        .setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .end(Json.write(value)))
                .onFailure(ctx::fail);
    }
}
