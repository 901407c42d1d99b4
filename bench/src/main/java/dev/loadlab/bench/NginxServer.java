package dev.loadlab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving a static 13-byte body ({@code hello, world\n}) from ONE worker process on 127.0.0.1, configured in its
 * own directory ({@code access_log off}, a free port), started and stopped by the bench: the server whose cost per
 * request is the smallest one can get, so the client shows its own limit. Its worker's CPU comes from
 * {@code /proc/PID/stat}. Not thread-safe.
 */
final class NginxServer implements AutoCloseable {
    private static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux (getconf CLK_TCK)

    private final Process master;
    private final int port;

    private NginxServer(Process master, int port) {
        this.master = master;
        this.port = port;
    }

    /** Writes the configuration under {@code dir}, starts nginx in the foreground and waits until it accepts. */
    static NginxServer start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(dir);
        String d = dir.toAbsolutePath().toString();
        String conf = """
                worker_processes 1;
                daemon off;
                master_process on;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  keepalive_requests 1000000;
                  server {
                    listen 127.0.0.1:%2$d;
                    default_type text/plain;
                    location / { return 200 "hello, world\\n"; }
                  }
                }
                """.formatted(d, port);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Process master = new ProcessBuilder(List.of(binary, "-p", d, "-e", d + "/error.log", "-c", file.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        NginxServer server = new NginxServer(master, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("nginx exited with " + master.exitValue() + "; see " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (server.workerPid() > 0) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        server.close();
        throw new IllegalStateException("nginx did not answer on port " + port + " within 15 s; see " + dir);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The one worker process's pid, or -1 while it has not started. */
    long workerPid() {
        return master.toHandle()
                .children()
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(-1);
    }

    /** The worker's user + system CPU seconds so far, from {@code /proc/PID/stat}. */
    double workerCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(workerPid()), "stat"));
        // Fields after the command name (which may hold spaces) start after the last ')'; utime and stime are
        // fields 14 and 15 of the whole line, so 12 and 13 of that rest.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(rest[11]) + Long.parseLong(rest[12])) / CLOCK_TICKS;
    }

    @Override
    public void close() throws InterruptedException {
        master.destroy(); // SIGTERM: nginx's fast shutdown, the worker with it
        if (!master.waitFor(10, TimeUnit.SECONDS)) {
            master.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            master.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
