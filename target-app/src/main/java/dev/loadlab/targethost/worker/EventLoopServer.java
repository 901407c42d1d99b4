package dev.loadlab.targethost.worker;

import dev.loadlab.targethost.http.Action;
import dev.loadlab.targethost.http.ParseResult;
import dev.loadlab.targethost.http.RequestParser;
import dev.loadlab.targethost.http.Responses;
import dev.loadlab.targethost.http.WorkerApp;
import dev.loadlab.targethost.work.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;

/**
 * The {@link Model#EVENT_LOOP} front-end: one thread, one {@link Selector}, like a Uvicorn worker's asyncio loop. An
 * {@code /io} wait is a timer (a deadline in a priority queue checked every turn of the loop), so thousands of waits
 * overlap; {@code /cpu} runs on the loop and blocks every other connection of this process meanwhile, exactly as
 * CPU-bound code in an {@code async def} does. Connections are kept alive; requests on one connection are answered in
 * order (a pipelined request waits until the one before it is answered). Confined to its loop thread.
 */
final class EventLoopServer {
    private final ServerSocketChannel listener;
    private final WorkerApp app;
    private final Selector selector;
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::deadlineNanos).thenComparingLong(Timer::sequence));
    private long timerSequence;

    EventLoopServer(ServerSocketChannel listener, WorkerApp app) throws IOException {
        this.listener = listener;
        this.app = app;
        this.selector = Selector.open();
    }

    void start() throws IOException {
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        Thread.ofPlatform().daemon(true).name("loadlab-event-loop").start(() -> {
            try {
                loop();
            } catch (IOException e) {
                throw new UncheckedIOException("the event loop failed", e);
            }
        });
    }

    private void loop() throws IOException {
        while (listener.isOpen()) {
            Timer next = timers.peek();
            if (next == null) {
                selector.select();
            } else {
                long waitNanos = next.deadlineNanos() - System.nanoTime();
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
                }
            }
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                } else {
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable()) {
                        flush(connection);
                    } else if (key.isReadable()) {
                        read(connection);
                    }
                }
            }
            runDueTimers();
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection connection = new Connection(channel);
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        }
    }

    private void read(Connection connection) {
        try {
            connection.in = RequestParser.room(connection.in);
            int n = connection.channel.read(connection.in);
            if (n < 0) {
                close(connection);
                return;
            }
            drive(connection);
        } catch (IOException e) {
            close(connection);
        }
    }

    /** Parses and serves requests on a connection until it needs more bytes, waits for a timer, or must close. */
    private void drive(Connection connection) throws IOException {
        while (!connection.waiting && !connection.closeAfterWrite) {
            connection.in.flip();
            ParseResult parsed = RequestParser.parse(connection.in);
            connection.in.compact();
            if (parsed instanceof ParseResult.NeedMore) {
                break;
            }
            if (parsed instanceof ParseResult.Malformed bad) {
                connection.out.add(ByteBuffer.wrap(Responses.problem(bad.status(), bad.detail(), null, false, null)));
                connection.closeAfterWrite = true;
                break;
            }
            Action action = app.route(((ParseResult.Complete) parsed).request());
            if (action instanceof Action.Reply reply) {
                connection.out.add(ByteBuffer.wrap(reply.bytes()));
                connection.closeAfterWrite = !reply.keepAlive();
            } else if (action instanceof Action.Serve serve) {
                connection.out.add(ByteBuffer.wrap(app.serve(serve)));
                connection.closeAfterWrite = !serve.keepAlive();
            } else {
                Action.Perform perform = (Action.Perform) action;
                if (perform.endpoint().ioMs() == 0) {
                    connection.out.add(
                            ByteBuffer.wrap(app.computeAndComplete(perform.endpoint(), perform.keepAlive())));
                    connection.closeAfterWrite = !perform.keepAlive();
                } else {
                    long deadline = System.nanoTime() + perform.endpoint().ioMs() * 1_000_000L;
                    timers.add(
                            new Timer(deadline, timerSequence++, connection, perform.endpoint(), perform.keepAlive()));
                    connection.waiting = true;
                }
            }
        }
        flush(connection);
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadlineNanos() <= now) {
            Timer timer = timers.poll();
            Connection connection = timer.connection();
            if (!connection.channel.isOpen()) {
                continue; // the client left while we waited: nothing to answer, nothing counted
            }
            connection.waiting = false;
            connection.out.add(ByteBuffer.wrap(app.computeAndComplete(timer.endpoint(), timer.keepAlive())));
            connection.closeAfterWrite = !timer.keepAlive();
            try {
                drive(connection);
            } catch (IOException e) {
                close(connection);
            }
        }
    }

    private void flush(Connection connection) {
        try {
            while (!connection.out.isEmpty()) {
                ByteBuffer head = connection.out.peek();
                connection.channel.write(head);
                if (head.hasRemaining()) {
                    connection.key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                connection.out.poll();
            }
            if (connection.closeAfterWrite) {
                close(connection);
            } else {
                // While a timer runs, stop reading: pipelined requests stay in the kernel's buffer (back-pressure).
                // drive() has already parsed every complete request buffered, so only new bytes can make progress.
                connection.key.interestOps(connection.waiting ? 0 : SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            close(connection);
        }
    }

    private static void close(Connection connection) {
        connection.key.cancel();
        try {
            connection.channel.close();
        } catch (IOException e) {
            // Closing a broken connection can fail; it is gone either way.
        }
    }

    /** Per-connection state; touched only by the loop thread. */
    private static final class Connection {
        final SocketChannel channel;
        ByteBuffer in = ByteBuffer.allocate(RequestParser.BUFFER_BYTES);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        SelectionKey key;
        boolean waiting;
        boolean closeAfterWrite;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private record Timer(
            long deadlineNanos, long sequence, Connection connection, Endpoint endpoint, boolean keepAlive) {}
}
