package dev.loadlab.coordinator.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fixed parts of the HTML export, read once from the classpath: uPlot as the dashboard serves it (vendored
 * unchanged, with its MIT licence, under the dashboard's {@code uplot/}) and the export's own chart script and style
 * sheet ({@code report.js}, {@code report.css} beside this class). Immutable, thread-safe.
 *
 * @param uplotScript the licence notice as a comment, then {@code uPlot.iife.min.js} unchanged
 */
record ReportAssets(String uplotScript, String uplotStyle, String chartScript, String style) {
    private static final String UPLOT = "dev/loadlab/coordinator/dashboard/uplot/";
    private static final String OWN = "dev/loadlab/coordinator/export/";

    private static final ReportAssets LOADED = load();

    static ReportAssets get() {
        return LOADED;
    }

    private static ReportAssets load() {
        String licence = read(UPLOT + "LICENSE").strip();
        if (licence.contains("*/")) {
            throw new IllegalStateException("uPlot's LICENSE cannot be put in a comment: it contains */");
        }
        String uplot = "/*\n uPlot, inlined unchanged below (its version in the banner); its licence:\n\n"
                + licence.indent(1) + "*/\n" + read(UPLOT + "uPlot.iife.min.js");
        return new ReportAssets(
                uplot, read(UPLOT + "uPlot.min.css"), read(OWN + "report.js"), read(OWN + "report.css"));
    }

    private static String read(String resource) {
        try (InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the coordinator's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
