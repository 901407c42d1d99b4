package dev.loadlab.targethost.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.targethost.work.Endpoint;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private static final String SERVED = "; the target serves /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M, /health,"
            + " /stats, POST /login, POST and GET /items, GET /items/{id} and /echo";

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
                .isEqualTo(new Route.MethodNotAllowed("method POST is not allowed here; use GET", null, "GET"));
        assertThat(Routes.resolve("DELETE", "/hello", null))
                .isEqualTo(new Route.MethodNotAllowed("method DELETE is not allowed here; use GET", "/hello", "GET"));
        assertThat(Routes.resolve("GET", "/login", null))
                .isEqualTo(new Route.MethodNotAllowed("method GET is not allowed here; use POST", "/login", "POST"));
        assertThat(Routes.resolve("DELETE", "/items", null))
                .isEqualTo(new Route.MethodNotAllowed(
                        "method DELETE is not allowed here; use GET or POST", "/items", "GET, POST"));
        assertThat(Routes.resolve("PUT", "/items/abc", null))
                .isEqualTo(new Route.MethodNotAllowed("method PUT is not allowed here; use GET", "/items/{id}", "GET"));
    }

    @Test
    void theScenarioPathsAreSharedInstancesOrCarryTheId() {
        assertThat(Routes.resolve("POST", "/login", null)).isSameAs(Route.LOGIN);
        assertThat(Routes.resolve("POST", "/items", null)).isSameAs(Route.CREATE_ITEM);
        assertThat(Routes.resolve("GET", "/items", "page=2")).isSameAs(Route.LIST_ITEMS);
        assertThat(Routes.resolve("PATCH", "/echo", "a=1")).isSameAs(Route.ECHO);
        assertThat(Routes.resolve("GET", "/items/0a1b-_Z", null)).isEqualTo(new Route.ReadItem("0a1b-_Z"));
        assertThat(Routes.resolve("GET", "/items/", null)).isInstanceOf(Route.NotFound.class);
        assertThat(Routes.COUNTED_PATHS)
                .containsExactly("/hello", "/io", "/cpu", "/mixed", "/login", "/items", "/items/{id}", "/echo");
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
