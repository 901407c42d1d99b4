package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.http.ApiTokenFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every REST call carries the coordinator's bearer token: without it or with another one the API answers 401 in the
 * problem shape and changes nothing; health checks and the OpenAPI document stay open. Without a configured token the
 * coordinator keeps a generated one in its data directory, private to its user, across restarts.
 */
class AuthIT {
    private static final String SCENARIO = """
            {"name": "unauthorised", "target": {"baseUrl": "http://127.0.0.1:9"},
             "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
             "load": {"model": "closed", "users": 1, "duration": "1s"}}
            """;

    @TempDir
    Path dir;

    @Test
    void withoutTheTokenNothingIsReadOrWrittenAndTheGeneratedTokenSurvivesARestart() throws Exception {
        String token;
        CoordinatorConfig config = CoordinatorConfig.local(dir, "auth-" + UUID.randomUUID());
        try (Coordinator coordinator = Coordinator.start(config)) {
            token = coordinator.apiToken();
            Path file = dir.resolve(ApiTokenFile.NAME);
            assertThat(Files.readString(file).strip()).isEqualTo(token);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(token).hasSizeGreaterThanOrEqualTo(CoordinatorConfig.MIN_API_TOKEN_LENGTH);

            Api anonymous = new Api(coordinator.httpUrl());
            Api wrong = new Api(coordinator.httpUrl(), token + "x");
            for (Api refused : new Api[] {anonymous, wrong}) {
                Api.Reply list = refused.get("/api/v1/runs");
                assertThat(list.status()).isEqualTo(401);
                assertThat(list.contentType()).startsWith("application/problem+json");
                assertThat(list.body().get("status").asInt()).isEqualTo(401);
                assertThat(refused.post("/api/v1/runs", SCENARIO).status()).isEqualTo(401);
                assertThat(refused.post("/api/v1/scenarios", SCENARIO).status()).isEqualTo(401);
                assertThat(refused.get("/api/v1/agents").status()).isEqualTo(401);
            }
            assertThat(anonymous.get("/api/v1/runs").body().get("detail").asText())
                    .contains("Authorization: Bearer");
            assertThat(wrong.get("/api/v1/runs").body().get("detail").asText())
                    .contains("not this coordinator's API token");
            HttpResponse<String> challenge = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + "/api/v1/runs"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"loadlab\"");

            Api api = Api.of(coordinator);
            assertThat(api.get("/api/v1/runs").body().get("runs")).isEmpty();
            assertThat(api.get("/api/v1/scenarios").body().get("scenarios"))
                    .noneMatch(s -> s.get("name").asText().equals("unauthorised"));
            assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
            assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
            assertThat(HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + "/api/v1/openapi.yaml"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(api.post("/api/v1/runs", SCENARIO).status()).isEqualTo(202);
        }
        try (Coordinator restarted = Coordinator.start(config)) {
            assertThat(restarted.apiToken()).isEqualTo(token);
            assertThat(Api.of(restarted).get("/api/v1/runs").body().get("runs")).hasSize(1);
        }
    }

    @Test
    void aConfiguredTokenWinsAndATooShortOneIsRefusedNamingTheFlag() {
        String configured = "configured-token-" + UUID.randomUUID();
        CoordinatorConfig config = CoordinatorConfig.local(dir, "auth-" + UUID.randomUUID()).toBuilder()
                .apiToken(configured)
                .build();
        try (Coordinator coordinator = Coordinator.start(config)) {
            assertThat(coordinator.apiToken()).isEqualTo(configured);
            assertThat(Api.of(coordinator).get("/api/v1/runs").status()).isEqualTo(200);
            assertThat(Files.exists(dir.resolve(ApiTokenFile.NAME))).isFalse();
        }
        assertThatThrownBy(() -> CoordinatorConfig.local(dir, "x").toBuilder()
                        .apiToken("short")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--api-token must be at least 16");
    }
}
