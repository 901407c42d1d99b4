package dev.loadlab.targethost.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.StatusCounts;
import dev.loadlab.protocol.control.WorkerStats;
import dev.loadlab.targethost.RawHttp;
import dev.loadlab.targethost.ScenarioFlow;
import dev.loadlab.targethost.gil.InterpreterLock;
import dev.loadlab.targethost.http.WorkerApp;
import dev.loadlab.targethost.shop.Shop;
import dev.loadlab.targethost.shop.ShopSettings;
import dev.loadlab.targethost.work.CpuWork;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenario endpoints on each raw front-end in this JVM, over real HTTP on port 0: login, bearer tokens, items,
 * echo, bodies with keep-alive and pipelining, 413, and the worker's per-endpoint counts matching what was sent.
 */
class ScenarioEndpointsIT {
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final ShopSettings settings = ShopSettings.forNewHost(ScenarioFlow.PASSWORD);

    @AfterEach
    void stop() throws Exception {
        for (ServerSocketChannel listener : listeners) {
            listener.close();
        }
        settings.deleteItems();
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void everyScenarioEndpointAnswersAndIsCountedPerEndpoint(Model model) throws Exception {
        boolean keepAlive = model != Model.BLOCKING;
        WorkerApp app = new WorkerApp(CpuWork.calibrated(), keepAlive, 2, new Shop(settings));
        URI base = start(model, app);
        ScenarioFlow flow = new ScenarioFlow(base);
        String token = flow.login();
        flow.items(token, 3);
        flow.echo();
        if (keepAlive) {
            flow.keepAliveAfterBodiesThen413(token);
        } else {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /echo HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi").getBytes(StandardCharsets.UTF_8));
                assertThat(RawHttp.readResponse(socket.getInputStream()))
                        .startsWith("HTTP/1.1 200")
                        .contains("Connection: close")
                        .endsWith("\"body\":\"hi\"}");
            }
            flow.count("/echo", 200);
        }

        WorkerStats stats = stats(base);
        Map<String, StatusCounts> sent = flow.sent();
        for (Map.Entry<String, StatusCounts> entry : sent.entrySet()) {
            assertThat(stats.statusByPath().get(entry.getKey()))
                    .as("%s %s", model, entry.getKey())
                    .isEqualTo(entry.getValue());
            assertThat(stats.byPath().get(entry.getKey()))
                    .isEqualTo(entry.getValue().total());
        }
        assertThat(stats.requests()).as("only the scenario was sent").isEqualTo(flow.total());
        assertThat(stats.statusByPath().get("/login")).isEqualTo(new StatusCounts(1, 3, 0));
    }

    @Test
    void anItemCreatedThroughOneWorkerIsReadThroughAnotherWithItsToken() throws Exception {
        URI first = start(Model.EVENT_LOOP, new WorkerApp(CpuWork.calibrated(), true, 1, new Shop(settings)));
        URI second = start(Model.VIRTUAL, new WorkerApp(CpuWork.calibrated(), true, 1, new Shop(settings)));
        String token = new ScenarioFlow(first).login();
        List<String> ids = new ScenarioFlow(first).items(token, 2);
        try (Socket socket = new Socket(second.getHost(), second.getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String id : ids) {
                out.write(("GET /items/" + id + " HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").contains("\"id\":\"" + id + "\"");
            }
        }
    }

    private URI start(Model model, WorkerApp app) throws Exception {
        ServerSocketChannel listener = Listener.open("127.0.0.1", 0);
        listeners.add(listener);
        switch (model) {
            case BLOCKING -> new ThreadedServer(listener, app, InterpreterLock.disabled()).startBlocking(2);
            case VIRTUAL -> new ThreadedServer(listener, app, InterpreterLock.disabled()).startVirtual();
            case EVENT_LOOP -> new EventLoopServer(listener, app).start();
        }
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort());
    }

    private static WorkerStats stats(URI base) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write("GET /stats HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes());
            String response = RawHttp.readResponse(socket.getInputStream());
            return Json.read(response.substring(response.indexOf("\r\n\r\n") + 4), WorkerStats.class);
        }
    }
}
