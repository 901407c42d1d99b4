package dev.loadlab.targethost.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.targethost.RawHttp;
import dev.loadlab.targethost.gil.InterpreterLock;
import dev.loadlab.targethost.http.WorkerApp;
import dev.loadlab.targethost.shop.Shop;
import dev.loadlab.targethost.shop.ShopSettings;
import dev.loadlab.targethost.work.CpuWork;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each front-end in this JVM over raw sockets: partial and pipelined requests, keep-alive, TCP_NODELAY answers. */
class FrontEndIT {
    @ParameterizedTest
    @EnumSource(Model.class)
    void servesSplitAndPipelinedRequestsInOrder(Model model) throws Exception {
        boolean keepAlive = model != Model.BLOCKING;
        ShopSettings settings = ShopSettings.forNewHost("loadlab");
        WorkerApp app = new WorkerApp(CpuWork.calibrated(), keepAlive, 2, new Shop(settings));
        ServerSocketChannel listener = Listener.open("127.0.0.1", 0);
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        switch (model) {
            case BLOCKING -> new ThreadedServer(listener, app, InterpreterLock.disabled()).startBlocking(2);
            case VIRTUAL -> new ThreadedServer(listener, app, InterpreterLock.disabled()).startVirtual();
            case EVENT_LOOP -> new EventLoopServer(listener, app).start();
        }
        try (listener;
                Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // A request split in the middle of its head, flushed in two writes.
            out.write("GET /io?ms=20 HT".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            out.write("TP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (!keepAlive) {
                assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").contains("Connection: close");
                assertThat(in.read())
                        .as("the blocking model closes after one answer")
                        .isEqualTo(-1);
                return;
            }
            // Then three pipelined requests in one write: a wait, a computation, and one with a skipped body.
            out.write(("GET /io?ms=5 HTTP/1.1\r\n\r\nGET /cpu?ms=1 HTTP/1.1\r\n\r\n"
                            + "POST /health HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").contains("\"ioMs\":20,");
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").contains("\"ioMs\":5,");
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").contains("\"cpuMs\":1,");
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 405").contains("Allow: GET");
            out.write("GET /stats HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.readResponse(in))
                    .contains("Connection: close")
                    .contains("\"requests\":3,")
                    .contains("\"pid\":" + ProcessHandle.current().pid());
            assertThat(in.read()).isEqualTo(-1);
        } finally {
            settings.deleteItems();
        }
    }
}
