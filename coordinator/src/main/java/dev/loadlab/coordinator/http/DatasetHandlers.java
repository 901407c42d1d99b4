package dev.loadlab.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.coordinator.inputs.Change;
import dev.loadlab.coordinator.inputs.DatasetParser;
import dev.loadlab.coordinator.inputs.DatasetService;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * Handlers for {@code /api/v1/datasets}: upload (a JSON body {@code {name, format, content}}, or the raw text with
 * {@code Content-Type: text/csv} or {@code application/x-ndjson} and {@code ?name=}), list, get one (with its first
 * rows), delete. Thin over {@link DatasetService}. Thread-safe.
 */
final class DatasetHandlers {
    static final String DATASETS = "/api/v1/datasets";
    /**
     * The body limit of an upload: the content's own limit, twice over because JSON escaping may double it (every line
     * break or quote), plus room for the name and format. The content itself is checked against
     * {@link DatasetParser#MAX_BYTES}.
     */
    static final int MAX_UPLOAD_BODY_BYTES = 2 * DatasetParser.MAX_BYTES + 64 * 1024;

    private static final Set<String> FIELDS = Set.of("name", "format", "content");
    /**
     * The strict reader with room for one string as long as the upload body: the shared one stops at 1 MiB per string,
     * and {@code content} is held to its own limit by the parser, which says so by field.
     */
    private static final ObjectMapper UPLOAD_READER = uploadReader();

    private final Vertx vertx;
    private final DatasetService datasets;

    DatasetHandlers(Vertx vertx, DatasetService datasets) {
        this.vertx = vertx;
        this.datasets = datasets;
    }

    void upload(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = Replies.mediaType(ctx);
        String body = ctx.body().asString();
        switch (media) {
            case "text/csv" -> uploadRaw(ctx, DatasetParser.CSV, body);
            case "application/x-ndjson", "application/jsonl" -> uploadRaw(ctx, DatasetParser.JSONL, body);
            default -> {
                if (!Replies.isJson(media)) {
                    throw new ApiException.UnsupportedMediaType("must be application/json ({name, format, content}),"
                            + " text/csv or application/x-ndjson (with ?name=), was \"" + type + "\"");
                }
                uploadJson(ctx, body);
            }
        }
    }

    private void uploadRaw(RoutingContext ctx, String format, String body) {
        String name = ctx.queryParams().get("name");
        store(ctx, name, "name", format, "Content-Type", body == null ? "" : body, "$");
    }

    private void uploadJson(RoutingContext ctx, String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("$", "is required: {name, format: csv|jsonl, content}");
        }
        JsonNode json;
        try {
            json = UPLOAD_READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "$", "is not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("$", "must be a JSON object {name, format: csv|jsonl, content}");
        }
        json.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException("$." + field, "is not a known field; known fields are " + FIELDS);
            }
        });
        store(ctx, text(json, "name"), "$.name", text(json, "format"), "$.format", text(json, "content"), "$.content");
    }

    private void store(
            RoutingContext ctx,
            String name,
            String nameField,
            String format,
            String formatField,
            String content,
            String contentField) {
        vertx.executeBlocking(() -> datasets.upload(name, nameField, format, formatField, content, contentField), false)
                .onSuccess(change -> {
                    switch (change) {
                        case Change.Uploaded uploaded -> {
                            ctx.response()
                                    .putHeader(
                                            "Location",
                                            DATASETS + "/" + uploaded.dataset().name());
                            Replies.json(ctx, 201, uploaded.dataset());
                        }
                        case Change.Taken taken ->
                            ctx.fail(new ApiException.Conflict("a dataset named " + taken.name() + " exists; DELETE "
                                    + DATASETS + "/" + taken.name() + " first to replace it"));
                        default -> ctx.fail(new IllegalStateException("unexpected " + change));
                    }
                })
                .onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> Map.of("datasets", datasets.list()));
    }

    void get(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> datasets.find(name), false)
                .onSuccess(found -> {
                    if (found.isPresent()) {
                        Replies.json(ctx, 200, found.get());
                    } else {
                        ctx.fail(new ApiException.NotFound("no dataset named " + name));
                    }
                })
                .onFailure(ctx::fail);
    }

    void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> datasets.delete(name), false)
                .onSuccess(change -> Replies.deleted(ctx, "dataset", change))
                .onFailure(ctx::fail);
    }

    private static ObjectMapper uploadReader() {
        ObjectMapper mapper = Json.strict().copy();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_UPLOAD_BODY_BYTES)
                        .build());
        return mapper;
    }

    /** A string field, or null when absent; a non-string is refused naming the field. */
    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("$." + field, "must be a string");
        }
        return value.asText();
    }
}
