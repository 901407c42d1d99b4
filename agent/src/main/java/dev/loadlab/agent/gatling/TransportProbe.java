package dev.loadlab.agent.gatling;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Says in a few words why a target gave no HTTP response at all, by trying one TCP connection to it. Used only after a
 * step in which every request failed, because Gatling's Java API does not hand its transport error messages to the
 * simulation. Stateless.
 */
final class TransportProbe {
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private TransportProbe() {}

    static String describe(String baseUrl) {
        String host;
        int port;
        try {
            URI uri = URI.create(baseUrl);
            host = uri.getHost();
            port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        } catch (IllegalArgumentException e) {
            return "invalid base URL";
        }
        if (host == null) {
            return "no host in the base URL";
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return "no HTTP response (the port accepts connections now)";
        } catch (ConnectException e) {
            return "connection refused";
        } catch (SocketTimeoutException e) {
            return "connection timed out";
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (IOException e) {
            return "no HTTP response (" + e.getMessage() + ")";
        }
    }
}
