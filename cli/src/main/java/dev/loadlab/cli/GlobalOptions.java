package dev.loadlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command takes: where the coordinator is and the token to show it. Each is read flag first, then
 * environment variable, then default; the token last falls back to the {@code api-token} file the coordinator keeps
 * in its data directory. Mutable (picocli fills it), used from one thread.
 */
final class GlobalOptions {
    /** The coordinator's own defaults: {@code CoordinatorConfig.DEFAULT_HTTP_HOST} and {@code DEFAULT_HTTP_PORT}. */
    static final String DEFAULT_URL = "http://127.0.0.1:7070";
    /** {@code CoordinatorConfig.DEFAULT_DATA_DIR}, relative to the working directory as the coordinator's is. */
    static final String DEFAULT_DATA_DIR = "loadlab-data";
    /** {@code ApiTokenFile.NAME}. */
    static final String TOKEN_FILE = "api-token";

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The coordinator's base URL (env LOADLAB_URL, default " + DEFAULT_URL + ").")
    String url;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "The REST API token (env LOADLAB_TOKEN, else the coordinator's <data-dir>/api-token file).")
    String token;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The coordinator's data directory, where it keeps api-token (env LOADLAB_DATA_DIR, default "
                    + DEFAULT_DATA_DIR + ").")
    Path dataDir;

    String url(Map<String, String> env) {
        if (url != null) {
            return url;
        }
        String fromEnv = env.get("LOADLAB_URL");
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_URL : fromEnv;
    }

    /** The token to send, or null when none is configured and no token file exists (a coordinator will say 401). */
    String token(Map<String, String> env) {
        if (token != null) {
            return token;
        }
        String fromEnv = env.get("LOADLAB_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path dir = dataDir != null
                ? dataDir
                : Path.of(
                        env.getOrDefault("LOADLAB_DATA_DIR", DEFAULT_DATA_DIR).isBlank()
                                ? DEFAULT_DATA_DIR
                                : env.getOrDefault("LOADLAB_DATA_DIR", DEFAULT_DATA_DIR));
        Path file = dir.resolve(TOKEN_FILE);
        if (!Files.isReadable(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new CliException("cannot read the API token from " + file + ": " + e.getMessage());
        }
    }

    ApiClient client(Map<String, String> env) {
        return new ApiClient(url(env), token(env));
    }
}
