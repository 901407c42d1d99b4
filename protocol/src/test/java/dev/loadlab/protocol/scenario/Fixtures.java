package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The spec's example scenario, a certificate, stand-in stores and JSON edits for the scenario tests. */
final class Fixtures {
    static final String SHOP_JSON = resource("shop.json");
    static final String SHOP_YAML = resource("shop.yaml");
    static final String CERTIFICATE = resource("localhost.pem");

    /** The stores the shop example is checked against: dataset {@code shoppers}, secret {@code api-key}. */
    static final ScenarioReferences STORES =
            new Stores(Map.of("shoppers", List.of("user", "password", "sku"), "empty", List.of()), Set.of("api-key"));

    private Fixtures() {}

    record Stores(Map<String, List<String>> datasets, Set<String> secrets) implements ScenarioReferences {
        @Override
        public Optional<List<String>> datasetColumns(String name) {
            return Optional.ofNullable(datasets.get(name));
        }

        @Override
        public boolean secretExists(String name) {
            return secrets.contains(name);
        }
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /scenarios/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shop example with edits applied, each {@code /json/pointer=JSON} (the value replaces or adds the member or
     * element; {@code /pointer=} without a value removes it), separated by {@code " ; "}.
     */
    static String shopWith(String edits) {
        try {
            JsonNode root = Json.lenient().readTree(SHOP_JSON);
            for (String edit : edits.split(" ; ")) {
                int eq = edit.indexOf('=');
                String pointer = edit.substring(0, eq).strip();
                String value = edit.substring(eq + 1).strip();
                int slash = pointer.lastIndexOf('/');
                JsonNode parent = root.at(pointer.substring(0, slash));
                String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
                if (parent instanceof ObjectNode object) {
                    if (value.isEmpty()) {
                        object.remove(key);
                    } else {
                        object.set(key, Json.lenient().readTree(value));
                    }
                } else if (parent instanceof ArrayNode array) {
                    int index = Integer.parseInt(key);
                    if (value.isEmpty()) {
                        array.remove(index);
                    } else if (index == array.size()) {
                        array.add(Json.lenient().readTree(value));
                    } else {
                        array.set(index, Json.lenient().readTree(value));
                    }
                } else {
                    throw new IllegalArgumentException("no object or array at " + pointer);
                }
            }
            return Json.write(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
