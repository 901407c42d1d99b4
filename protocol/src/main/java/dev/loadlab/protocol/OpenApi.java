package dev.loadlab.protocol;

/**
 * The REST API's OpenAPI 3.1 document, shipped with the contract. Its scenario request bodies refer to
 * {@link ScenarioSchema#PATH}, which the coordinator serves beside it. Stateless.
 */
public final class OpenApi {
    private static final String RESOURCE = "/dev/loadlab/protocol/openapi.yaml";

    private OpenApi() {}

    /** The document as YAML text. */
    public static String yaml() {
        return Resources.text(RESOURCE);
    }
}
