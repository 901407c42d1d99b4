package dev.loadlab.protocol.scenario;

import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_CERTIFICATE_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PROFILES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_TOKEN_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WORKERS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WORKER_COUNTS;

import dev.loadlab.protocol.target.TargetAllowlist;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code target}: the base URL, the control API with its profiles and worker counts, and TLS and HTTP/2
 * (both need an https:// target; a trusted certificate must parse as X.509, and excludes {@code insecure}).
 */
final class TargetRules {
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private final Findings f;

    TargetRules(Findings findings) {
        this.f = findings;
    }

    void check(Target target) {
        checkUrl("$.target.baseUrl", target.baseUrl());
        checkControl(target);
        boolean https = target.baseUrl() != null && target.baseUrl().startsWith("https://");
        if (target.tls() != null) {
            if (!https) {
                f.fail("$.target.tls", "needs an https:// $.target.baseUrl");
            }
            checkTls(target.tls());
        }
        if (target.usesHttp2() && !https) {
            f.fail("$.target.http2", "needs an https:// $.target.baseUrl (HTTP/2 is negotiated over TLS)");
        }
    }

    private void checkTls(Tls tls) {
        boolean insecure = Boolean.TRUE.equals(tls.insecure());
        if (tls.trustCertificate() != null && insecure) {
            f.fail("$.target.tls.insecure", "cannot be combined with trustCertificate: trust one or trust any");
        } else if (tls.trustCertificate() == null && !insecure) {
            f.fail("$.target.tls", "needs trustCertificate (PEM) or insecure: true");
        }
        String pem = tls.trustCertificate();
        if (pem == null) {
            return;
        }
        String field = "$.target.tls.trustCertificate";
        if (pem.length() > MAX_CERTIFICATE_LENGTH) {
            f.fail(field, "must be at most " + MAX_CERTIFICATE_LENGTH + " characters, was " + pem.length());
            return;
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                f.fail(field, "holds no certificate: expected PEM (-----BEGIN CERTIFICATE-----)");
            }
        } catch (CertificateException e) {
            f.fail(field, "is not a PEM X.509 certificate: " + e.getMessage());
        }
    }

    private void checkControl(Target target) {
        TargetControl control = target.control();
        if (control == null) {
            if (target.profiles() != null) {
                f.fail(
                        "$.target.profiles",
                        "needs $.target.control: only a target host's control API can switch profiles");
            }
            if (target.workers() != null) {
                f.fail(
                        "$.target.workers",
                        "needs $.target.control: only a target host's control API can switch workers");
            }
            return;
        }
        checkUrl("$.target.control.url", control.url());
        if (f.present("$.target.control.token", control.token())
                && (control.token().isBlank() || control.token().length() > MAX_TOKEN_LENGTH)) {
            f.fail("$.target.control.token", "must be 1 to " + MAX_TOKEN_LENGTH + " characters");
        }
        List<String> profiles = target.profiles();
        if (profiles != null) {
            if (profiles.isEmpty() || profiles.size() > MAX_PROFILES) {
                f.fail("$.target.profiles", "must hold 1 to " + MAX_PROFILES + " profiles, held " + profiles.size());
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < profiles.size(); i++) {
                String profile = profiles.get(i);
                String at = "$.target.profiles[" + i + "]";
                if (f.present(at, profile)) {
                    if (!PROFILE.matcher(profile).matches()) {
                        f.fail(at, "must be 1 to 40 letters, digits, '.', '_' or '-'");
                    } else if (!seen.add(profile)) {
                        f.fail(at, "must be unique; \"" + profile + "\" repeats");
                    }
                }
            }
        }
        List<Integer> workers = target.workers();
        if (workers != null) {
            if (workers.isEmpty() || workers.size() > MAX_WORKER_COUNTS) {
                f.fail(
                        "$.target.workers",
                        "must hold 1 to " + MAX_WORKER_COUNTS + " worker counts, held " + workers.size());
            }
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < workers.size(); i++) {
                String at = "$.target.workers[" + i + "]";
                f.range(at, workers.get(i), 1, MAX_WORKERS);
                if (workers.get(i) != null && !seen.add(workers.get(i))) {
                    f.fail(at, "must be unique; " + workers.get(i) + " repeats");
                }
            }
        }
        if ((profiles == null) != (workers == null)) {
            f.fail(
                    profiles == null ? "$.target.profiles" : "$.target.workers",
                    "is required with $.target." + (profiles == null ? "workers" : "profiles")
                            + ": each step is one profile at one worker count");
        }
    }

    private void checkUrl(String field, String url) {
        if (!f.present(field, url)) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                f.fail(field, "must be an http:// or https:// URL, was \"" + url + "\"");
            } else if (TargetAllowlist.portProblem(uri) != null) {
                f.fail(field, TargetAllowlist.portProblem(uri));
            } else if (uri.getHost() == null) {
                f.fail(field, "must name a host, was \"" + url + "\"");
            } else if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                f.fail(field, "must not carry a query, a fragment or credentials");
            }
        } catch (URISyntaxException e) {
            f.fail(field, "is not a URL: " + e.getReason());
        }
    }
}
