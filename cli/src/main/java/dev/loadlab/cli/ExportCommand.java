package dev.loadlab.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loadlab export RUN --format F [-o FILE]}: writes {@code GET /api/v1/runs/{id}/export?format=F} to a file,
 * named by the reply's Content-Disposition unless {@code -o} says otherwise, or to stdout with {@code -o -}. The
 * format is passed through as given, so formats the coordinator adds work without a new client, and one it does not
 * know is refused in the coordinator's words. Mutable (picocli fills it), used once.
 */
@Command(
        name = "export",
        description = {
            "Downloads a run's export: csv (a row per step and per request name), junit (JUnit XML), hlog (each step's"
                    + " latency histogram as an HdrHistogram log) or html (one self-contained report: charts, steps, timeline).",
            "  loadlab export RUN_ID --format csv",
            "  loadlab export RUN_ID --format junit -o steps.xml",
            "  loadlab export RUN_ID --format hlog -o - | gzip > run.hlog.gz"
        },
        exitCodeList = {
            "0:written",
            "4:bad input (an unknown run or format, a file that cannot be written) or the coordinator cannot be"
                    + " reached"
        })
final class ExportCommand extends ApiCommand {
    /** What {@code -o} takes for stdout. */
    static final String STDOUT = "-";

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String id;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "csv, junit, hlog or html; passed to the coordinator as it is.")
    String format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write it: a file, or - for stdout (default: the name the coordinator gives, such as"
                    + " loadlab-run-ID.csv, in the working directory).")
    String file;

    @Override
    int execute() {
        if (format.isBlank()) {
            throw new CliException("--format: expected csv, junit, hlog or html, was ''");
        }
        ApiClient.Download download;
        try {
            download = api().download("/api/v1/runs/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "/export?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8));
        } catch (CliException refused) {
            if (refused.httpStatus() == 400 && refused.getMessage().contains("(field format)")) {
                throw new CliException(refused.getMessage() + System.lineSeparator() + "  this coordinator does not"
                        + " export --format " + format + "; ask for one of the formats it names");
            }
            throw refused;
        }
        if (STDOUT.equals(file)) {
            try {
                output().write(download.body());
            } catch (IOException e) {
                throw new CliException("cannot write the export to stdout: " + e.getMessage());
            }
            return ExitCode.PASSED;
        }
        Path target = Path.of(file != null ? file : defaultName(download));
        try {
            Files.write(target, download.body());
        } catch (IOException e) {
            throw new CliException("cannot write " + target + ": " + e);
        }
        output().println("wrote " + target + " (" + download.body().length + " bytes, "
                + (download.contentType() == null ? format : download.contentType()) + ")");
        return ExitCode.PASSED;
    }

    private String defaultName(ApiClient.Download download) {
        return download.fileName() != null ? download.fileName() : "loadlab-run-" + id + "." + format;
    }
}
