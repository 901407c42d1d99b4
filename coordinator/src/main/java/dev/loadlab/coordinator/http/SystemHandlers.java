package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.protocol.OpenApi;
import dev.loadlab.protocol.ScenarioSchema;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Handlers for what is not a stored resource: the agents that joined, the API's own description, the scenario's JSON
 * Schema and the two health checks. Thread-safe.
 */
final class SystemHandlers {
    private final Vertx vertx;
    private final AgentRegistry agents;
    private final BooleanSupplier ready;
    private final String openApi = OpenApi.yaml();
    private final String scenarioSchema = ScenarioSchema.text();

    SystemHandlers(Vertx vertx, AgentRegistry agents, BooleanSupplier ready) {
        this.vertx = vertx;
        this.agents = agents;
        this.ready = ready;
    }

    void agents(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, agents::list);
    }

    void openApi(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/yaml").end(openApi);
    }

    void scenarioSchema(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/schema+json").end(scenarioSchema);
    }

    void live(RoutingContext ctx) {
        Replies.json(ctx, 200, Map.of("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        vertx.executeBlocking(ready::getAsBoolean, false)
                .onSuccess(ok -> {
                    if (ok) {
                        Replies.json(ctx, 200, Map.of("status", "UP"));
                    } else {
                        ctx.fail(new ApiException.Unavailable("PostgreSQL or Hazelcast is not usable"));
                    }
                })
                .onFailure(ctx::fail);
    }
}
