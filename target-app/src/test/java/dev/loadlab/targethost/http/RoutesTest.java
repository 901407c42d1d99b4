package dev.loadlab.targethost.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.targethost.work.Endpoint;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private static final String SERVED =
            "; the target serves /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M, /health and /stats";

    @Test
    void theFixedRoutesAreSharedInstances() {
        assertThat(Routes.resolve("GET", "/health", null)).isSameAs(Route.HEALTH);
        assertThat(Routes.resolve("GET", "/stats", "x=1")).isSameAs(Route.STATS);
    }

    @Test
    void aGetOnAnEndpointIsPerformed() {
        assertThat(Routes.resolve("GET", "/mixed", "io=3&cpu=4"))
                .isEqualTo(new Route.Perform(new Endpoint.Mixed(3, 4)));
    }

    @Test
    void otherMethodsAreNotAllowedAndCountedOnlyOnEndpoints() {
        assertThat(Routes.resolve("POST", "/health", null))
                .isEqualTo(new Route.MethodNotAllowed("method POST is not allowed here; use GET", false));
        assertThat(Routes.resolve("DELETE", "/hello", null))
                .isEqualTo(new Route.MethodNotAllowed("method DELETE is not allowed here; use GET", true));
    }

    @Test
    void aBadQueryIsABadRequestWhateverTheMethod() {
        assertThat(Routes.resolve("POST", "/io", "ms=-1"))
                .isEqualTo(new Route.BadRequest("ms must be between 0 and 60000, was -1", "ms"));
    }

    @Test
    void anUnknownPathIsNotFoundWhateverTheMethod() {
        assertThat(Routes.resolve("PUT", "/nope", "ms=-1")).isEqualTo(new Route.NotFound("no endpoint /nope" + SERVED));
    }
}
