package dev.loadlab.targethost.worker;

import dev.loadlab.targethost.gil.InterpreterLock;
import dev.loadlab.targethost.http.Action;
import dev.loadlab.targethost.http.ParseResult;
import dev.loadlab.targethost.http.RequestParser;
import dev.loadlab.targethost.http.Responses;
import dev.loadlab.targethost.http.WorkerApp;
import dev.loadlab.targethost.work.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The two thread-per-connection front-ends, {@link Model#BLOCKING} and {@link Model#VIRTUAL}. Blocking: N platform
 * threads each accept a connection and serve it until it closes, so a thread busy with one connection serves no
 * other; that is Gunicorn's sync and threaded behaviour, and why the blocking model answers {@code Connection: close}
 * (Gunicorn's sync worker does not keep connections alive either) - a kept-alive idle connection would otherwise hold
 * one of the N threads while new connections queue. Virtual: an acceptor hands each connection to a new virtual thread,
 * which keeps it alive; waits park the virtual thread and free the (single) carrier, like a Gevent greenlet. Started
 * once; the threads live as long as the process. Thread-safe.
 */
final class ThreadedServer {
    /** How long, and how much, {@link #lingeringClose} reads from a refused client. */
    private static final int LINGER_MS = 1_000;

    private static final long LINGER_BYTES = 4L * RequestParser.MAX_REQUEST_BYTES;

    private final ServerSocketChannel listener;
    private final WorkerApp app;
    private final InterpreterLock gil;

    ThreadedServer(ServerSocketChannel listener, WorkerApp app, InterpreterLock gil) {
        this.listener = listener;
        this.app = app;
        this.gil = gil;
    }

    /** Starts {@code threads} platform threads, each accepting and serving one connection at a time. */
    void startBlocking(int threads) {
        for (int i = 0; i < threads; i++) {
            Thread.ofPlatform().daemon(true).name("loadlab-worker-" + (i + 1)).start(() -> {
                while (listener.isOpen()) {
                    try {
                        serve(listener.accept());
                    } catch (ClosedChannelException e) {
                        return;
                    } catch (IOException e) {
                        // One connection failed (reset by the client); the thread goes back to accepting.
                    }
                }
            });
        }
    }

    /** Starts one acceptor; every connection gets its own virtual thread. */
    void startVirtual() {
        Thread.ofVirtual().name("loadlab-acceptor").start(() -> {
            while (listener.isOpen()) {
                try {
                    SocketChannel connection = listener.accept();
                    Thread.ofVirtual().name("loadlab-connection").start(() -> {
                        try {
                            serve(connection);
                        } catch (IOException e) {
                            // The client went away; normal under load, not worth a log line.
                        }
                    });
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    // accept failed for one connection (e.g. too many open files); try the next.
                }
            }
        });
    }

    private void serve(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        try (Socket socket = channel.socket()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(RequestParser.BUFFER_BYTES);
            while (true) {
                buffer.flip();
                ParseResult parsed = RequestParser.parse(buffer);
                buffer.compact();
                switch (parsed) {
                    case ParseResult.NeedMore needMore -> {
                        buffer = RequestParser.room(buffer);
                        int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
                        if (n < 0) {
                            return;
                        }
                        buffer.position(buffer.position() + n);
                    }
                    case ParseResult.Malformed bad -> {
                        out.write(Responses.problem(bad.status(), bad.detail(), null, false, null));
                        lingeringClose(socket, in);
                        return;
                    }
                    case ParseResult.Complete complete -> {
                        Action action = app.route(complete.request());
                        byte[] answer;
                        boolean keepAlive;
                        if (action instanceof Action.Perform perform) {
                            answer = perform(perform.endpoint(), perform.keepAlive());
                            keepAlive = perform.keepAlive();
                        } else if (action instanceof Action.Reply reply) {
                            answer = reply.bytes();
                            keepAlive = reply.keepAlive();
                        } else {
                            Action.Serve serve = (Action.Serve) action;
                            answer = serve(serve);
                            keepAlive = serve.keepAlive();
                        }
                        out.write(answer);
                        if (!keepAlive) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /**
     * After refusing a request whose body may still be on its way (a 413), reads and drops what the client still sends
     * for a moment before closing: closing with unread bytes makes the kernel reset the connection, and the client
     * might then lose the answer it was sent.
     */
    private static void lingeringClose(Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MS);
            byte[] sink = new byte[8192];
            long dropped = 0;
            while (dropped < LINGER_BYTES) {
                int n = in.read(sink);
                if (n < 0) {
                    return;
                }
                dropped += n;
            }
        } catch (IOException e) {
            // Timed out or reset: the connection is closed either way.
        }
    }

    /** A scenario endpoint is "Python code" too: it runs holding the interpreter lock, if there is one. */
    private byte[] serve(Action.Serve serve) {
        gil.acquire();
        try {
            return app.serve(serve);
        } finally {
            gil.release();
        }
    }

    /**
     * Waits and computes as a thread of an interpreter with (or without) a global lock: the lock is held for the
     * request's "Python code", released around the sleep, and handed over during the CPU loop when others wait.
     */
    private byte[] perform(Endpoint endpoint, boolean keepAlive) throws IOException {
        long iterations = app.iterationsFor(endpoint);
        gil.acquire();
        try {
            if (endpoint.ioMs() > 0) {
                gil.releaseDuring(() -> Thread.sleep(endpoint.ioMs()));
            }
            long result = iterations == 0 ? 0 : gil.compute(System.nanoTime(), iterations);
            return app.complete(endpoint, iterations, result, keepAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while serving", e);
        } finally {
            gil.release();
        }
    }
}
