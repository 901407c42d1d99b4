package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadlab.protocol.control.HostStats;
import dev.loadlab.targethost.work.CpuWork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Python twin ({@code python/loadlab_app.py}) under the real servers of {@code python/profiles.properties}, run by
 * a real {@link Supervisor} as command profiles on an ephemeral port it keeps reserved: every endpoint answers, bad
 * input is a 400 naming the parameter, and the host's stats list the app's processes with {@code requests} unknown.
 * Skipped only when Debian's Python servers are missing and cannot be installed.
 */
class PythonProfilesIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static Supervisor supervisor;
    private static URI app;

    @BeforeAll
    static void start() throws Exception {
        Optional<String> missing = PythonServers.missing();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElseThrow());
        ProfileCatalog catalog = ProfileCatalog.withFile(Path.of("python", "profiles.properties"));
        supervisor = new Supervisor(catalog, "127.0.0.1", 0, CpuWork.calibrated());
        app = URI.create("http://127.0.0.1:" + supervisor.port());
    }

    @AfterAll
    static void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    /**
     * @param processes the app's processes at W=2: Gunicorn's arbiter and its workers (gthread: one worker of two
     *     threads); Uvicorn's supervisor, its workers and multiprocessing's resource tracker (Uvicorn starts its
     *     workers with the spawn method, which starts one)
     */
    @ParameterizedTest(name = "{0} at W=2")
    @CsvSource({"gunicorn-sync, 3", "gunicorn-gthread, 2", "uvicorn, 4", "gevent, 3"})
    void servesEveryEndpointAndListsItsProcesses(String profile, int processes) throws Exception {
        supervisor.apply(profile, 2);

        assertThat(ok("/hello").body()).isEqualTo("hello");
        assertThat(ok("/health").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(ok("/cpu?ms=5").body()).startsWith("{\"ioMs\":0,\"cpuMs\":5,\"iterations\":");
        assertThat(ok("/io?ms=5").body()).startsWith("{\"ioMs\":5,\"cpuMs\":0,\"iterations\":0,");
        assertThat(ok("/mixed?io=5&cpu=5").body()).startsWith("{\"ioMs\":5,\"cpuMs\":5,\"iterations\":");

        assertBadRequest("/cpu?ms=many", "ms", "ms must be an integer between 0 and 60000, was 'many'");
        assertBadRequest("/io?ms=60001", "ms", "ms must be between 0 and 60000, was 60001");
        assertBadRequest("/mixed?io=5", "cpu", "cpu is required: an integer between 0 and 60000");
        HttpResponse<String> post = send("POST", "/cpu?ms=1");
        assertThat(post.statusCode()).as(post.body()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        HttpResponse<String> nowhere = send("GET", "/nope");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).contains("no endpoint /nope; the target serves /hello");

        // The workers may still be booting after the first one answered /health: wait until all are listed.
        HostStats stats =
                Poll.until(profile + " lists " + processes + " processes", Duration.ofSeconds(30), () -> Optional.of(
                                supervisor.stats())
                        .filter(s -> s.workers().size() == processes));
        assertThat(stats.config().profile()).isEqualTo(profile);
        assertThat(stats.requests())
                .as("a foreign app's request count is unknown")
                .isNull();
        assertThat(stats.cpuSeconds()).isPositive();
        assertThat(stats.workers()).allSatisfy(process -> {
            assertThat(process.requests()).isNull();
            assertThat(ProcessHandle.of(process.pid()).flatMap(p -> p.info().command()))
                    .as("pid " + process.pid() + " runs Debian's Python")
                    .hasValueSatisfying(command -> assertThat(command).startsWith("/usr/bin/python3"));
        });
        System.out.printf(
                "%s W=2: %d processes, %.2f CPU s%n", profile, stats.workers().size(), stats.cpuSeconds());
    }

    @Test
    void uvicornWithOneWorkerRunsWithoutASupervisorProcess() throws Exception {
        supervisor.apply("uvicorn", 1);
        assertThat(ok("/mixed?io=1&cpu=1").body()).startsWith("{\"ioMs\":1,\"cpuMs\":1,");
        HostStats stats = supervisor.stats();
        assertThat(stats.workers())
                .as("uvicorn --workers 1 serves in its main process")
                .hasSize(1);
        List<Long> before =
                stats.workers().stream().map(HostStats.ProcessStats::pid).toList();

        supervisor.apply("gunicorn-sync", 1);
        assertThat(ok("/hello").body()).isEqualTo("hello");
        assertThat(before).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("the old configuration's pid " + pid)
                .isEmpty());
    }

    private static HttpResponse<String> ok(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response;
    }

    private static void assertBadRequest(String path, String parameter, String detail) throws Exception {
        HttpResponse<String> response = send("GET", path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body())
                .contains("\"detail\":\"" + detail + "\"")
                .contains("\"parameter\":\"" + parameter + "\"");
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
