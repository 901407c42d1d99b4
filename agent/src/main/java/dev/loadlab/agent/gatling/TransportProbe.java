package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.scenario.Tls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Says in a few words why a target gave no HTTP response at all, by trying one TCP connection to it (and, for an https
 * target, one TLS handshake checked as the run checked it, so an untrusted certificate is named). Used only after a
 * step in which every request failed, because Gatling's Java API does not hand its transport error messages to the
 * simulation. Stateless.
 */
final class TransportProbe {
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private TransportProbe() {}

    static String describe(String baseUrl) {
        return describe(baseUrl, null);
    }

    /** As {@link #describe(String)}; {@code tls} as in the scenario (null: the JVM's trust store). */
    static String describe(String baseUrl, Tls tls) {
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
            if ("https".equalsIgnoreCase(URI.create(baseUrl).getScheme())
                    && (tls == null || !Boolean.TRUE.equals(tls.insecure()))) {
                String handshake = handshake(socket, host, port, tls);
                if (handshake != null) {
                    return handshake;
                }
            }
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

    /** Null when a TLS handshake checked like the run's succeeds, otherwise why it failed. */
    private static String handshake(Socket socket, String host, int port, Tls tls) throws IOException {
        SSLContext context;
        try {
            if (tls == null || tls.trustCertificate() == null) {
                context = SSLContext.getDefault();
            } else {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(TargetTrust.trustStore(tls.trustCertificate()));
                context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
        socket.setSoTimeout(CONNECT_TIMEOUT_MS);
        try (SSLSocket tlsSocket = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true)) {
            SSLParameters parameters = tlsSocket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tlsSocket.setSSLParameters(parameters);
            tlsSocket.startHandshake();
            return null;
        } catch (SSLException e) {
            return "TLS handshake failed (" + rootMessage(e) + ")";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() <= 200 ? message : message.substring(0, 200) + "...";
    }
}
