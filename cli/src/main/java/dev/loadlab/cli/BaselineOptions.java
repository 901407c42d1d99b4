package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --baseline} and {@code --min-effect}, shared by {@code compare} and {@code run}, and the one call both make:
 * {@code GET /api/v1/compare}. Mutable (picocli fills it), used from one thread.
 */
final class BaselineOptions {
    @Option(
            names = BaselineSelector.OPTION,
            paramLabel = "RUN|label:KEY=VALUE",
            description = "The baseline run: its id, or label:KEY=VALUE for the newest SUCCEEDED run carrying label"
                    + " KEY:VALUE (by submission time), e.g. --baseline label:branch=main. None such is bad input"
                    + " (exit 4).")
    String baseline;

    @Option(
            names = "--min-effect",
            paramLabel = "SHARE",
            description = "The smallest change that counts, a share of the baseline from 0 to below 1 (default the"
                    + " coordinator's, 0.05 = 5 %%).")
    String minEffect;

    /** The parsed {@code --baseline}, or null when it was not given. */
    BaselineSelector selector() {
        return baseline == null ? null : BaselineSelector.parse(baseline);
    }

    /** {@code --min-effect} checked here, so a typo fails before any run is started; null when not given. */
    Double minEffect() {
        if (minEffect == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(minEffect.strip());
            if (value >= 0 && value < 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException("--min-effect: expected a share of the baseline from 0 to below 1 (0.05 = 5 %), was '"
                + minEffect + "'");
    }

    /** {@code GET /api/v1/compare} of two run ids. */
    JsonNode compare(ApiClient api, String baselineId, String candidateId) {
        Double effect = minEffect();
        return api.get("/api/v1/compare?baseline=" + encode(baselineId) + "&candidate=" + encode(candidateId)
                + (effect == null ? "" : String.format(Locale.ROOT, "&minEffect=%s", effect)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
