package dev.loadlab.targethost.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/** Opens the listening socket a worker process shares with its siblings. Stateless. */
final class Listener {
    /** Pending connections the kernel may queue: a load test opens hundreds at once. */
    static final int BACKLOG = 1024;

    private Listener() {}

    /**
     * A listening channel with SO_REUSEPORT set, so several worker processes (and the supervisor's port reservation) can
     * bind the same port; the kernel then spreads new connections over the listening sockets by a hash of the
     * connection, which balances connections, not requests.
     */
    static ServerSocketChannel open(String host, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        channel.bind(new InetSocketAddress(host, port), BACKLOG);
        return channel;
    }
}
