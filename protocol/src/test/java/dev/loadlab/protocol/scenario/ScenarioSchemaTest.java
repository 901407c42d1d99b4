package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.OpenApi;
import dev.loadlab.protocol.ScenarioSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema of scenario v2 accepts the scenarios the documents show (openapi.yaml's examples, the README's
 * {@code scenario} code blocks) and agrees with {@link ScenarioCodec} on a set of valid and invalid scenarios: both
 * accept or both refuse.
 */
class ScenarioSchemaTest {
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ScenarioSchema.text());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern SCENARIO_WORD = Pattern.compile("\\bscenario\\b");

    /** A scenario as written somewhere, in JSON or YAML. */
    record Document(String where, String text, ScenarioFormat format) {
        @Override
        public String toString() {
            return where;
        }
    }

    @Test
    void theSchemaIsDraft2020WithNoOpenObjects() throws IOException {
        JsonNode schema = Json.lenient().readTree(ScenarioSchema.text());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        List<String> open = new ArrayList<>();
        openObjects("#", schema, open);
        assertThat(open)
                .as("object schemas without additionalProperties: false")
                .isEmpty();
    }

    @Test
    void everyOpenApiScenarioExampleIsValid() throws IOException {
        List<Document> examples = openApiExamples();

        assertThat(examples).as("openapi.yaml's scenario examples").hasSizeGreaterThanOrEqualTo(3);
        assertThat(examples).allSatisfy(ScenarioSchemaTest::assertValidBothWays);
    }

    @Test
    void theScenarioBodiesReferToTheServedSchemaAndAcceptYaml() throws IOException {
        JsonNode document = YAML.readTree(OpenApi.yaml());

        assertThat(document.at("/components/schemas/Scenario/$ref").asText()).isEqualTo(ScenarioSchema.PATH);
        for (String pointer : List.of(
                "/paths/~1api~1v1~1runs/post",
                "/paths/~1api~1v1~1scenarios/post",
                "/paths/~1api~1v1~1scenarios~1{name}/put")) {
            JsonNode content = document.at(pointer + "/requestBody/content");
            assertThat(content.has("application/json")).as(pointer).isTrue();
            assertThat(content.at("/application~1yaml/schema/$ref").asText())
                    .as(pointer)
                    .isEqualTo("#/components/schemas/Scenario");
        }
    }

    @Test
    void everyReadmeScenarioBlockIsValid() throws IOException {
        // The README may have no such block yet; then the openapi examples above are what is checked.
        assertThat(readmeBlocks()).allSatisfy(ScenarioSchemaTest::assertValidBothWays);
    }

    static Stream<Arguments> agreement() {
        return Stream.of(
                valid("the spec's example", Fixtures.SHOP_JSON),
                valid("the README's v1 example", ScenarioCodecTest.README_EXAMPLE),
                valid(
                        "open stages",
                        "/load/model=\"open\" ; /load/stages=[{\"rate\": 5, \"ramp\": \"10s\"},"
                                + " {\"rate\": 0, \"hold\": \"30s\"}]"),
                valid("search", "/load=" + SEARCH + " ; /slo={\"p99Ms\": 100, \"errorRate\": 0.01}"),
                valid(
                        "tls insecure and http2",
                        "/target={\"baseUrl\": \"https://localhost\", \"tls\": {\"insecure\": true}, \"http2\": true}"),
                valid(
                        "requests with pauses and headers",
                        "/workload={\"requests\": [{\"name\": \"a\", \"path\":"
                                + " \"/a/$$\", \"headers\": {\"X-K\": \"${secret:k}\"}, \"pause\": {\"fixed\": \"0s\"},"
                                + " \"timeout\": \"2s\", \"body\": \"raw ${secret:k}\"}], \"pause\": {\"uniform\": [\"1s\","
                                + " \"1s\"]}}"),
                valid("a regex on the body", "/workload/flows/0/steps/2/save/id={\"regex\": \"id=(\\\\d+)\"}"),
                valid(
                        "a pause step as written back",
                        "/workload/flows/0/steps/1={\"pause\": {\"fixed\": \"1s\"},"
                                + " \"method\": \"GET\", \"weight\": 1}"),
                valid("connections per-user", "/load/connections=\"per-user\""),
                valid("connections close-each", "/load/connections=\"close-each\""),
                valid(
                        "open with connections per-user",
                        "/load/model=\"open\" ; /load/stages=[{\"rate\": 5, \"hold\": \"10s\"}] ;"
                                + " /load/connections=\"per-user\""),
                invalid("connections unknown", "/load/connections=\"pooled\""),
                invalid(
                        "close-each over http2",
                        "/target={\"baseUrl\": \"https://localhost\", \"http2\": true} ;"
                                + " /load/connections=\"close-each\""),
                invalid("an unknown top-level field", "/extra=1"),
                invalid("an unknown check field", "/workload/flows/0/steps/2/checks/0={\"status\": [201], \"x\": 1}"),
                invalid("a check of two kinds", "/workload/flows/0/steps/2/checks/0={\"status\": [201], \"maxMs\": 9}"),
                invalid(
                        "exists on a header check",
                        "/workload/flows/0/steps/2/checks/1={\"header\": \"Location\", \"exists\": true}"),
                invalid("matches without header", "/workload/flows/0/steps/2/checks/0={\"matches\": \"x\"}"),
                invalid("jsonPath alone", "/workload/flows/0/steps/3/checks/0={\"jsonPath\": \"$.sku\"}"),
                invalid("a status below 100", "/workload/flows/0/steps/2/checks/0={\"status\": [99]}"),
                invalid("a pause of two forms", "/workload/pause={\"fixed\": \"1s\", \"exponential\": \"1s\"}"),
                invalid("uniform with three", "/workload/pause={\"uniform\": [\"1s\", \"2s\", \"3s\"]}"),
                invalid("requests and flows", "/workload/requests=[{\"name\": \"a\", \"path\": \"/\"}]"),
                invalid("neither requests nor flows", "/workload/flows="),
                invalid("top-level users with stages", "/load/users=20"),
                invalid(
                        "search with stages",
                        "/load/model=\"search\" ; /load/rate=5 ; /load/duration=\"5s\" ;"
                                + " /slo={\"p99Ms\": 100, \"errorRate\": 0.01}"),
                invalid("search without slo", "/load=" + SEARCH),
                invalid("closed stage with a rate", "/load/stages/0/rate=3"),
                invalid(
                        "open stage with users",
                        "/load/model=\"open\" ; /load/stages=[{\"users\": 5, \"hold\":" + " \"10s\"}]"),
                invalid("a stage with neither ramp nor hold", "/load/stages/0={\"users\": 20}"),
                invalid("no duration without stages", "/load={\"model\": \"closed\", \"users\": 3}"),
                invalid("tls over http", "/target/tls={\"insecure\": true}"),
                invalid("http2 over http", "/target/http2=true"),
                invalid("tls with neither", "/target={\"baseUrl\": \"https://localhost\", \"tls\": {}}"),
                invalid(
                        "tls with both",
                        "/target={\"baseUrl\": \"https://localhost\", \"tls\": {\"insecure\": true,"
                                + " \"trustCertificate\": \"x\"}}"),
                invalid("profiles without control", "/target/profiles=[\"a\"]"),
                invalid("a duration with a space", "/load/warmup=\"5 s\""),
                invalid("a header value with LF", "/workload/flows/0/steps/0/headers/Authorization=\"a\\nb\""),
                invalid("a header name with a space", "/workload/flows/0/steps/0/headers/X Y=\"v\""),
                invalid("a secret in a path", "/workload/flows/0/steps/3/path=\"/${secret:k}\""),
                invalid("a lone $ in a header", "/workload/flows/0/steps/0/headers/Authorization=\"$5\""),
                invalid("a bad save key", "/workload/flows/0/steps/2/save/1x={\"header\": \"Location\"}"),
                invalid(
                        "jsonPath with header in a save",
                        "/workload/flows/0/steps/2/save/id={\"jsonPath\": \"$.id\", \"header\": \"Location\"}"),
                invalid("a flow step without a path", "/workload/flows/0/steps/0/path="),
                invalid(
                        "a pause step with a timeout",
                        "/workload/flows/0/steps/1={\"pause\": {\"fixed\": \"1s\"}, \"timeout\": \"1s\"}"),
                invalid(
                        "a pause step with POST",
                        "/workload/flows/0/steps/1={\"pause\": {\"fixed\": \"1s\"}, \"method\": \"POST\"}"),
                invalid("a flow without steps", "/workload/flows/0/steps=[]"),
                invalid("method BREW", "/workload/flows/0/steps/0/method=\"BREW\""),
                invalid("flow weight 0", "/workload/flows/0/weight=0"),
                invalid("a dataset strategy", "/workload/dataset/strategy=\"shuffled\""),
                invalid("a dataset without name", "/workload/dataset/name="),
                invalid("65 agents", "/agents=65"),
                invalid("a timeout that is a number", "/workload/flows/0/steps/0/timeout=5"));
    }

    private static final String SEARCH = "{\"model\": \"search\", \"rate\": 10, \"duration\": \"5s\"}";

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreement")
    void theSchemaAndTheCodecAgree(String name, String json, boolean valid) {
        List<Error> schemaErrors = SCHEMA.validate(json, InputFormat.JSON);
        List<String> codecErrors = codecErrors(json, ScenarioFormat.JSON);

        if (valid) {
            assertThat(schemaErrors).as("schema errors").isEmpty();
            assertThat(codecErrors).as("codec errors").isEmpty();
        } else {
            assertThat(schemaErrors).as("the schema must refuse " + name).isNotEmpty();
            assertThat(codecErrors).as("the codec must refuse " + name).isNotEmpty();
        }
    }

    private static Arguments valid(String name, String docOrEdits) {
        return Arguments.of(name, document(docOrEdits), true);
    }

    private static Arguments invalid(String name, String edits) {
        return Arguments.of(name, document(edits), false);
    }

    private static String document(String docOrEdits) {
        return docOrEdits.strip().startsWith("{") ? docOrEdits : Fixtures.shopWith(docOrEdits);
    }

    private static void assertValidBothWays(Document document) {
        InputFormat input = document.format() == ScenarioFormat.YAML ? InputFormat.YAML : InputFormat.JSON;
        assertThat(SCHEMA.validate(document.text(), input))
                .as("schema errors in %s", document)
                .isEmpty();
        assertThat(codecErrors(document.text(), document.format()))
                .as("codec errors in %s", document)
                .isEmpty();
    }

    private static List<String> codecErrors(String text, ScenarioFormat format) {
        try {
            ScenarioCodec.decode(text, format, ScenarioReferences.UNCHECKED);
            return List.of();
        } catch (InvalidInputException e) {
            return e.errors().stream().map(Object::toString).toList();
        }
    }

    /** Every example of a request body whose schema is the Scenario, in any media type. */
    private static List<Document> openApiExamples() throws IOException {
        JsonNode document = YAML.readTree(OpenApi.yaml());
        List<Document> found = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                Iterator<Map.Entry<String, JsonNode>> media =
                        operation.getValue().path("requestBody").path("content").fields();
                while (media.hasNext()) {
                    Map.Entry<String, JsonNode> content = media.next();
                    if (!content.getValue()
                            .path("schema")
                            .path("$ref")
                            .asText()
                            .equals("#/components/schemas/Scenario")) {
                        continue;
                    }
                    String where =
                            operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + content.getKey();
                    List<JsonNode> values = new ArrayList<>();
                    if (content.getValue().has("example")) {
                        values.add(content.getValue().get("example"));
                    }
                    content.getValue().path("examples").forEach(example -> values.add(example.path("value")));
                    for (JsonNode value : values) {
                        found.add(new Document(where, Json.write(value), ScenarioFormat.JSON));
                    }
                }
            }
        }
        return found;
    }

    /** The fenced code blocks of the README whose info string has the word {@code scenario}. */
    private static List<Document> readmeBlocks() throws IOException {
        List<Document> blocks = new ArrayList<>();
        if (!Files.exists(README)) {
            return blocks;
        }
        List<String> lines = Files.readAllLines(README);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("```")) {
                continue;
            }
            String info = line.substring(3).strip();
            StringBuilder body = new StringBuilder();
            int start = i + 1;
            for (i = start; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                body.append(lines.get(i)).append('\n');
            }
            if (SCENARIO_WORD.matcher(info).find()) {
                ScenarioFormat format =
                        info.startsWith("yaml") || info.startsWith("yml") ? ScenarioFormat.YAML : ScenarioFormat.JSON;
                blocks.add(new Document("README.md line " + start, body.toString(), format));
            }
        }
        return blocks;
    }

    private static void openObjects(String where, JsonNode schema, List<String> open) {
        if (schema.isObject()) {
            boolean closed = schema.path("additionalProperties").isBoolean()
                    ? !schema.get("additionalProperties").asBoolean()
                    : schema.path("additionalProperties").isObject();
            if (schema.path("type").asText().equals("object") && !closed) {
                open.add(where);
            }
            Iterator<Map.Entry<String, JsonNode>> members = schema.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                if (!member.getKey().equals("properties") || !schema.has("type")) {
                    openObjects(where + "/" + member.getKey(), member.getValue(), open);
                } else {
                    member.getValue()
                            .fields()
                            .forEachRemaining(
                                    p -> openObjects(where + "/properties/" + p.getKey(), p.getValue(), open));
                }
            }
        } else if (schema.isArray()) {
            for (int i = 0; i < schema.size(); i++) {
                openObjects(where + "/" + i, schema.get(i), open);
            }
        }
    }
}
