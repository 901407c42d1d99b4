package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.scenario.Tls;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetTrustTest {
    @TempDir
    Path dir;

    @Test
    void withoutTlsGatlingsTrustEverythingDefaultIsTurnedOff() throws Exception {
        try (TargetTrust trust = TargetTrust.of(null, dir)) {
            assertThat(trust.properties()).isEqualTo(Map.of(TargetTrust.INSECURE, "false"));
        }
        try (TargetTrust trust = TargetTrust.of(new Tls(null, false), dir)) {
            assertThat(trust.properties()).isEqualTo(Map.of(TargetTrust.INSECURE, "false"));
        }
    }

    @Test
    void insecureTrustsEverything() throws Exception {
        try (TargetTrust trust = TargetTrust.of(new Tls(null, true), dir)) {
            assertThat(trust.properties()).isEqualTo(Map.of(TargetTrust.INSECURE, "true"));
        }
    }

    @Test
    void aPemCertificateBecomesAPkcs12TrustStoreThatCloseDeletes() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "unit");
        Path store;
        try (TargetTrust trust = TargetTrust.of(new Tls(certificates.pem(), null), dir)) {
            Map<String, String> properties = trust.properties();
            assertThat(properties)
                    .containsEntry(TargetTrust.INSECURE, "false")
                    .containsEntry(TargetTrust.STORE_TYPE, "PKCS12")
                    .containsKeys(TargetTrust.STORE_FILE, TargetTrust.STORE_PASSWORD);
            store = Path.of(properties.get(TargetTrust.STORE_FILE));
            KeyStore loaded = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                loaded.load(in, properties.get(TargetTrust.STORE_PASSWORD).toCharArray());
            }
            assertThat(Collections.list(loaded.aliases())).hasSize(1);
            assertThat(loaded.isCertificateEntry("trusted-0")).isTrue();
        }
        assertThat(store).doesNotExist();
    }

    @Test
    void somethingElseThanAPemCertificateIsRefused() {
        assertThatThrownBy(() -> TargetTrust.of(new Tls("not a certificate", null), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.trustCertificate");
        assertThat(dir).isEmptyDirectory();
    }
}
