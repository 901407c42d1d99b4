package dev.loadlab.agent.gatling;

import com.sun.net.httpserver.HttpServer;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One short Gatling run against a throwaway HTTP server of its own on the loopback interface, never against a target:
 * the first Gatling run in a JVM spends hundreds of milliseconds loading classes and running cold code between the
 * simulation being built and its first user, which would otherwise fall between a real step's Ready and its start.
 * Stateless.
 */
final class GatlingWarmUp {
    static final String NAME = "loadlab-warm-up";
    /** A run id no coordinator hands out (version 4 UUIDs are random): the warm-up is never a real step. */
    static final UUID RUN_ID = new UUID(0, 0);

    private static final Duration LENGTH = Duration.ofMillis(500);

    private GatlingWarmUp() {}

    /** Blocking, about a second; null when it went well, otherwise why not. */
    static String run(GatlingStepRunner runner) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            return "cannot open a loopback HTTP server: " + e.getMessage();
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        try {
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
            Load load = new Load(LoadModel.CLOSED, 1, null, Duration.ZERO, LENGTH);
            Scenario scenario = new Scenario(
                    NAME,
                    new Target(baseUrl),
                    new Workload(List.of(new RequestSpec("warm-up", "GET", "/", 1))),
                    load,
                    1);
            Assignment assignment = new Assignment(RUN_ID, 0, 0, scenario, 1, 1, null);
            StepResult result = runner.run(assignment, NAME, System::currentTimeMillis, message -> {
                if (message instanceof Ready ready) {
                    runner.start(ready.key(), System.currentTimeMillis());
                }
            });
            return result.failure();
        } finally {
            server.stop(0);
        }
    }
}
