package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate checks of an https target through real Gatling against a real HTTPS server with a self-signed
 * certificate: trusted when the scenario gives that certificate or says insecure, refused (a transport error) with the
 * JVM's default trust store, and refused when a different certificate is given.
 */
class TargetTlsIT {
    @TempDir
    static Path certificates;

    private static TestCertificates served;
    private static TestCertificates other;
    private static ScriptedServer server;

    @TempDir
    Path workDir;

    private GatlingStepRunner runner;

    @BeforeAll
    static void startServer() throws Exception {
        served = TestCertificates.create(certificates, "served");
        other = TestCertificates.create(certificates, "other");
        server = ScriptedServer.https(served.serverContext());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void runner() {
        runner = new GatlingStepRunner(workDir);
    }

    private StepResult run(Tls tls, Boolean http2) throws Exception {
        String baseUrl = server.baseUrl();
        Target target = new Target(baseUrl, null, null, null, tls, http2);
        RequestSpec echo = new RequestSpec("echo", "GET", "/echo", 1);
        return StepHarness.runToEnd(runner, RequestPathIT.assignment(baseUrl, target, Map.of(), echo))
                .get();
    }

    private static RequestResult echo(StepResult result) {
        return result.requests().get(0);
    }

    @Test
    void theGivenCertificateIsTrustedAndItsTrustStoreDeletedAfterTheRun() throws Exception {
        long before = server.received("/echo");
        StepResult result = run(new Tls(served.pem(), null), null);

        assertThat(result.failure()).isNull();
        assertThat(echo(result).requests()).isPositive();
        assertThat(echo(result).errors()).isZero();
        assertThat(server.received("/echo") - before).isEqualTo(echo(result).requests() + result.warmupRequests());
        try (Stream<Path> left = Files.walk(workDir)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".p12")))
                    .isEmpty();
        }
    }

    @Test
    void withoutTlsSettingsTheJvmTrustStoreRefusesASelfSignedCertificate() throws Exception {
        long before = server.received("/echo");
        StepResult result = run(null, null);

        assertThat(result.failure())
                .startsWith("every request failed: TLS handshake failed (")
                .contains("certification path");
        assertThat(echo(result).requests()).isPositive();
        assertThat(echo(result).errorsByKind())
                .isEqualTo(Map.of("transport", echo(result).requests()));
        assertThat(result.failureMessages()).anySatisfy(m -> assertThat(m).startsWith("echo: transport: "));
        assertThat(server.received("/echo")).isEqualTo(before);
    }

    @Test
    void aDifferentTrustedCertificateRefusesTheServer() throws Exception {
        StepResult result = run(new Tls(other.pem(), null), null);

        assertThat(result.failure()).startsWith("every request failed: TLS handshake failed (");
        assertThat(echo(result).errorsByKind())
                .isEqualTo(Map.of("transport", echo(result).requests()));
    }

    @Test
    void insecureAcceptsAnyCertificate() throws Exception {
        StepResult result = run(new Tls(null, true), null);

        assertThat(result.failure()).isNull();
        assertThat(echo(result).requests()).isPositive();
        assertThat(echo(result).errors()).isZero();
    }

    @Test
    void http2OnAServerWithoutItFallsBackToHttp11ThroughAlpnWithTheSameChecks() throws Exception {
        // The JDK's HttpsServer offers no h2; a real HTTP/2 exchange is left to the integration tests.
        StepResult result = run(new Tls(served.pem(), null), true);

        assertThat(result.failure()).isNull();
        assertThat(echo(result).requests()).isPositive();
        assertThat(echo(result).errors()).isZero();
    }
}
