package dev.loadlab.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The REST API's OpenAPI 3 document, shipped with the contract. Stateless. */
public final class OpenApi {
    private static final String RESOURCE = "/dev/loadlab/protocol/openapi.yaml";

    private OpenApi() {}

    /** The document as YAML text. */
    public static String yaml() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the protocol jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
