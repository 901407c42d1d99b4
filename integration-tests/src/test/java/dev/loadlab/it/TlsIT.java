package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyStoreOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS targets: a real TLS server started by this test (Vert.x, offering HTTP/2 and HTTP/1.1 by ALPN) with a
 * self-signed certificate made by the JDK's keytool. Trusting that certificate ({@code tls.trustCertificate}, its PEM)
 * works with no errors; without {@code tls} LoadLab checks the JVM's default trust store, as any client does, so every
 * request fails with a transport error and none reaches the server; {@code insecure: true} accepts it; and
 * {@code http2: true} sends HTTP/2, as the server's own count by protocol version shows. The warm-up is off, so what
 * the server answered equals what LoadLab counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private AppStack stack;
    private Vertx vertx;
    private int port;
    private String pem;
    private final Map<HttpVersion, AtomicLong> served = new EnumMap<>(HttpVersion.class);

    @BeforeAll
    void start() throws Exception {
        Path store = dir.resolve("target.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "target",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=IP:127.0.0.1,DNS:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD);
        pem = keytool(
                "-exportcert", "-rfc", "-alias", "target", "-keystore", store.toString(), "-storepass", STORE_PASSWORD);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        for (HttpVersion version : HttpVersion.values()) {
            served.put(version, new AtomicLong());
        }

        vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setSsl(true)
                .setUseAlpn(true)
                .setKeyCertOptions(new KeyStoreOptions()
                        .setType("PKCS12")
                        .setPath(store.toString())
                        .setPassword(STORE_PASSWORD));
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(request -> {
                    served.get(request.version()).incrementAndGet();
                    request.response().putHeader("Content-Type", "text/plain").end("ok");
                })
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        port = server.actualPort();
        stack = AppStack.start(dir, "tls", 1);
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTrustedCertificateWorksOverHttp11WithNoErrors() {
        long before = served(HttpVersion.HTTP_1_1);
        JsonNode step = succeeded("trusted", "\"tls\": {\"trustCertificate\": " + Jsons.quote(pem) + "}");

        assertThat(step.get("errors").asLong()).as(step.toPrettyString()).isZero();
        assertThat(step.get("requests").asLong()).isPositive();
        assertThat(served(HttpVersion.HTTP_1_1) - before)
                .isEqualTo(step.get("requests").asLong());
    }

    @Test
    void withoutTlsTheDefaultTrustStoreRefusesTheSelfSignedCertificate() {
        long before = total();
        JsonNode run = run("untrusted", null);
        assertThat(run.get("status").asText()).as(run.toPrettyString()).isIn("SUCCEEDED", "FAILED");
        JsonNode step = run.get("steps").get(0);

        System.out.println("TlsIT untrusted: errorsByKind " + step.get("errorsByKind") + ", failureMessages "
                + step.get("failureMessages"));
        long errors = step.get("errors").asLong();
        assertThat(errors).as(step.toPrettyString()).isPositive();
        assertThat(Jsons.longOf(step.get("errorsByKind"), "transport"))
                .as("errors without an HTTP response")
                .isEqualTo(errors);
        assertThat(total() - before).as("requests that reached the server").isZero();
    }

    @Test
    void insecureAcceptsAnyCertificate() {
        long before = served(HttpVersion.HTTP_1_1);
        JsonNode step = succeeded("insecure", "\"tls\": {\"insecure\": true}");

        assertThat(step.get("errors").asLong()).as(step.toPrettyString()).isZero();
        assertThat(step.get("requests").asLong()).isPositive();
        assertThat(served(HttpVersion.HTTP_1_1) - before)
                .isEqualTo(step.get("requests").asLong());
    }

    @Test
    void http2SendsHttp2ToAServerThatOffersIt() {
        long h2 = served(HttpVersion.HTTP_2);
        long h1 = served(HttpVersion.HTTP_1_1);
        JsonNode step = succeeded("h2", "\"tls\": {\"trustCertificate\": " + Jsons.quote(pem) + "}, \"http2\": true");

        assertThat(step.get("errors").asLong()).as(step.toPrettyString()).isZero();
        assertThat(step.get("requests").asLong()).isPositive();
        assertThat(served(HttpVersion.HTTP_2) - h2)
                .as("HTTP/2 requests the server saw")
                .isEqualTo(step.get("requests").asLong());
        assertThat(served(HttpVersion.HTTP_1_1) - h1).isZero();
    }

    @Test
    void tlsOnAPlainHttpTargetIsRefusedAtSubmitNamingTheField() {
        Api.Reply reply = stack.api.post("/api/v1/runs", """
                {"name": "tls-on-http", "target": {"baseUrl": "http://127.0.0.1:%d", "tls": {"insecure": true}},
                 "workload": {"requests": [{"name": "tls", "path": "/tls"}]},
                 "load": {"model": "closed", "users": 1, "duration": "1s"}}
                """.formatted(port));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().toString()).contains("$.target");
    }

    /** {@link #run}, which must succeed; its step. */
    private JsonNode succeeded(String name, String tls) {
        JsonNode run = run(name, tls);
        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        return run.get("steps").get(0);
    }

    /** Runs 2 users against the TLS server for 2 s with {@code tls} (members of {@code target}, or null). */
    private JsonNode run(String name, String tls) {
        String target = "{\"baseUrl\": \"https://127.0.0.1:" + port + "\"" + (tls == null ? "" : ", " + tls) + "}";
        return stack.runToEnd("""
                {"name": "tls-%s",
                 "target": %s,
                 "workload": {"requests": [{"name": "tls", "path": "/tls"}], "pause": {"fixed": "50ms"}},
                 "load": {"model": "closed", "users": 2, "duration": "2s"}}
                """.formatted(name, target), Duration.ofSeconds(90));
    }

    private long served(HttpVersion version) {
        return served.get(version).get();
    }

    private long total() {
        return served.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Runs the JDK's keytool with {@code args}; its standard output. */
    private static String keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
