package dev.loadlab.agent.gatling;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 and a free port that counts the TCP connections it accepted and the requests
 * it answered, so a test sees how a client holds its connections. Answers every GET with {@code 200 ok}, keeps a
 * connection open (keep-alive) unless the request says {@code Connection: close}, which it answers in kind and then
 * closes. One virtual thread per connection. Thread-safe.
 */
final class ConnectionCountingServer implements AutoCloseable {
    private static final byte[] KEEP = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE =
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong closeAsked = new AtomicLong();

    ConnectionCountingServer() throws IOException {
        socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    long accepted() {
        return accepted.get();
    }

    long requests() {
        return requests.get();
    }

    /** Requests that carried {@code Connection: close}. */
    long closeAsked() {
        return closeAsked.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                threads.execute(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                Boolean close = readHead(in);
                if (close == null) {
                    return; // the client closed
                }
                requests.incrementAndGet();
                if (close) {
                    closeAsked.incrementAndGet();
                }
                out.write(close ? CLOSE : KEEP);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // A reset by the client ends the connection; nothing to count.
        }
    }

    /** Reads one request head (GET: no body); null at end of stream, else whether it asked to close. */
    private static Boolean readHead(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean close = false;
        boolean any = false;
        int c;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                String text = line.toString().strip();
                if (text.isEmpty()) {
                    return close;
                }
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        return any ? close : null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
