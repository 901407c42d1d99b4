package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.metrics.CoordinatorMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: the coordinator's metrics in the Prometheus text format, scraped off the event loop (the run
 * counts come from the database). Whether it needs the API token is decided by the router. Thread-safe.
 */
final class MetricsHandlers {
    static final String METRICS = "/metrics";

    private final Vertx vertx;
    private final CoordinatorMetrics metrics;

    MetricsHandlers(Vertx vertx, CoordinatorMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void scrape(RoutingContext ctx) {
        vertx.executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response()
                        .putHeader("Content-Type", CoordinatorMetrics.CONTENT_TYPE)
                        .end(Buffer.buffer(text)))
                .onFailure(ctx::fail);
    }
}
