package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.scenario.Tls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Gatling checks an https target's certificate in one run, as the Gatling configuration keys that say it. Gatling
 * trusts every certificate unless told otherwise; LoadLab does not:
 *
 * <ul>
 *   <li>no {@code tls}: the JVM's default trust store ({@code gatling.ssl.useInsecureTrustManager = false}, no trust
 *       store of Gatling's own), with host name verification;
 *   <li>{@code trustCertificate}: only those PEM certificates, written to a PKCS12 trust store of this run (deleted by
 *       {@link #close}) that Gatling loads as {@code gatling.ssl.trustStore.*};
 *   <li>{@code insecure: true}: any certificate (Gatling's insecure trust manager).
 * </ul>
 *
 * Gatling reads these keys from system properties when each run starts ({@code GatlingConfiguration.load()} in {@code
 * Gatling.fromArgs}), which {@link GatlingLauncher} sets for the run and removes after it. Not thread-safe; one per run.
 */
final class TargetTrust implements AutoCloseable {
    static final String INSECURE = "gatling.ssl.useInsecureTrustManager";
    static final String STORE_FILE = "gatling.ssl.trustStore.file";
    static final String STORE_TYPE = "gatling.ssl.trustStore.type";
    static final String STORE_PASSWORD = "gatling.ssl.trustStore.password";

    private final Map<String, String> properties;
    private final Path storeFile;

    private TargetTrust(Map<String, String> properties, Path storeFile) {
        this.properties = Map.copyOf(properties);
        this.storeFile = storeFile;
    }

    /**
     * The settings for {@code tls} (null: the JVM's trust store); a trust store, when needed, is written in {@code
     * dir}. Throws {@link IllegalArgumentException} when the certificate is not PEM X.509, {@link IOException} when the
     * store cannot be written.
     */
    static TargetTrust of(Tls tls, Path dir) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        if (tls != null && Boolean.TRUE.equals(tls.insecure())) {
            properties.put(INSECURE, "true");
            return new TargetTrust(properties, null);
        }
        properties.put(INSECURE, "false");
        if (tls == null || tls.trustCertificate() == null) {
            return new TargetTrust(properties, null);
        }
        String password = randomPassword();
        Path file = Files.createTempFile(dir, "loadlab-trust-", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore(tls.trustCertificate()).store(out, password.toCharArray());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        } catch (GeneralSecurityException e) {
            Files.deleteIfExists(file);
            throw new IOException("cannot write a trust store: " + e.getMessage(), e);
        }
        properties.put(STORE_FILE, file.toAbsolutePath().toString());
        properties.put(STORE_TYPE, "PKCS12");
        properties.put(STORE_PASSWORD, password);
        return new TargetTrust(properties, file);
    }

    /** A PKCS12 store trusting exactly the certificates in {@code pem}. */
    static KeyStore trustStore(String pem) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "tls.trustCertificate is not a PEM X.509 certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("tls.trustCertificate holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory PKCS12 store", e);
        }
    }

    /** The Gatling configuration keys for this run, as system property names and values. */
    Map<String, String> properties() {
        return properties;
    }

    /** Deletes the run's trust store, if one was written. */
    @Override
    public void close() throws IOException {
        if (storeFile != null) {
            Files.deleteIfExists(storeFile);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
