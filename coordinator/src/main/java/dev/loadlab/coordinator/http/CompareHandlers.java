package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.compare.CompareService;
import dev.loadlab.coordinator.compare.Significance;
import dev.loadlab.coordinator.model.TrendMetric;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Handlers for comparisons: {@code GET /api/v1/compare?baseline=<run id>&candidate=<run id>} answers a
 * {@link dev.loadlab.coordinator.compare.CompareReport}; {@code GET
 * /api/v1/scenarios/:name/trend?metric=throughput|p50|p99|errorRate[&profile=P&workers=W][&limit=N]} a JSON array of
 * {@link dev.loadlab.coordinator.model.TrendPoint}, oldest first. Each parses the query (400 naming the parameter),
 * calls {@link CompareService} off the event loop and maps the result; a run the service cannot find is 404.
 * Thread-safe.
 */
final class CompareHandlers {
    static final String COMPARE = "/api/v1/compare";
    static final String TREND = "/api/v1/scenarios/:name/trend";

    private final Vertx vertx;
    private final CompareService service;

    CompareHandlers(Vertx vertx, CompareService service) {
        this.vertx = vertx;
        this.service = service;
    }

    void compare(RoutingContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        UUID baseline = runId(ctx, "baseline", errors);
        UUID candidate = runId(ctx, "candidate", errors);
        double minEffect = minEffect(ctx, errors);
        if (!errors.isEmpty()) {
            ctx.fail(new InvalidInputException(errors));
            return;
        }
        vertx.executeBlocking(() -> service.compare(baseline, candidate, minEffect), false)
                .onSuccess(report -> Replies.json(ctx, 200, report))
                .onFailure(failure -> ctx.fail(
                        failure instanceof NoSuchElementException missing
                                ? new ApiException.NotFound(missing.getMessage())
                                : failure));
    }

    /** {@code minEffect}: the smallest change that counts, a share of the baseline in [0, 1); 0.05 when absent. */
    private static double minEffect(RoutingContext ctx, List<FieldError> errors) {
        String raw = ctx.queryParams().get("minEffect");
        if (raw == null) {
            return Significance.DEFAULT_MIN_EFFECT;
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (value >= 0 && value < 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(
                "minEffect",
                "must be a share of the baseline from 0 to below 1, e.g. 0.05 for 5 %, was \"" + raw + "\""));
        return Significance.DEFAULT_MIN_EFFECT;
    }

    void trend(RoutingContext ctx) {
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
        Replies.blocking(vertx, ctx, () -> service.trend(name, metric, profile, workers, limit));
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
}
