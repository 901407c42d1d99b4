package dev.loadlab.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.inputs.Change;
import dev.loadlab.coordinator.inputs.SecretService;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * Handlers for {@code /api/v1/secrets}: add ({@code {name, value}}), list (names and creation times), delete. No
 * answer and no error message ever holds a value: a body that is not valid JSON is refused without quoting it.
 * Thin over {@link SecretService}. Thread-safe.
 */
final class SecretHandlers {
    static final String SECRETS = "/api/v1/secrets";
    private static final Set<String> FIELDS = Set.of("name", "value");

    private final Vertx vertx;
    private final SecretService secrets;

    SecretHandlers(Vertx vertx, SecretService secrets) {
        this.vertx = vertx;
        this.secrets = secrets;
    }

    void add(RoutingContext ctx) {
        Replies.requireJson(ctx, "a secret {name, value}");
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("$", "is required: {name, value}");
        }
        JsonNode json;
        try {
            json = Json.strict().readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the body, and the body holds the value: say where, not what.
            throw new InvalidInputException(
                    "$",
                    "is not valid JSON (at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): send {\"name\": ..., \"value\": ...}");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("$", "must be a JSON object {name, value}");
        }
        json.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException("$." + field, "is not a known field; known fields are " + FIELDS);
            }
        });
        String name = DatasetHandlers.text(json, "name");
        String value = DatasetHandlers.text(json, "value");
        vertx.executeBlocking(() -> secrets.add(name, value), false)
                .onSuccess(change -> {
                    switch (change) {
                        case Change.Done done -> {
                            ctx.response().putHeader("Location", SECRETS + "/" + done.name());
                            Replies.json(ctx, 201, Map.of("name", done.name()));
                        }
                        case Change.Taken taken ->
                            ctx.fail(new ApiException.Conflict("a secret named " + taken.name() + " exists; DELETE "
                                    + SECRETS + "/" + taken.name() + " first to replace it"));
                        default -> ctx.fail(new IllegalStateException("unexpected outcome"));
                    }
                })
                .onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> Map.of("secrets", secrets.list()));
    }

    void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> secrets.delete(name), false)
                .onSuccess(change -> Replies.deleted(ctx, "secret", change))
                .onFailure(ctx::fail);
    }
}
