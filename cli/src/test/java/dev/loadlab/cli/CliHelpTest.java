package dev.loadlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Picocli parsing: every command's {@code --help} lists its options and exit codes; bad flags exit 4. */
class CliHelpTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "watch", "compare", "export", "ls", "show", "cancel", "scenarios", "agents"})
    void everyCommandsHelpListsItsOptionsAndExitCodes(String command) {
        String[] result = run(command, "--help");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1])
                .startsWith("Usage: loadlab " + command)
                .contains("--url=URL", "--token=TOKEN", "--data-dir=DIR", "-h, --help")
                .contains("\nExit codes:\n")
                .containsPattern("\\n  0   ")
                .containsPattern("\\n  4   bad input")
                .doesNotContain("%n", "%%");
    }

    @Test
    void theHelpOfCompareExportAndRunNamesTheirOwnOptions() {
        assertThat(run("compare", "--help")[1])
                .contains("--baseline=RUN|label:KEY=VALUE", "--format=FORMAT", "--min-effect=SHARE")
                .contains("table, markdown, json", "95 % CI", "1   a step's throughput regressed");
        assertThat(run("export", "--help")[1]).contains("--format=FORMAT", "-o, --output=FILE", "csv, junit, hlog");
        assertThat(run("run", "--help")[1])
                .contains("--baseline=RUN|label:KEY=VALUE", "--min-effect=SHARE", "--detach")
                .contains("Ctrl-C while watching", "SIGTERM cancels the run on the")
                .contains("1   a step broke the SLO (on trustworthy figures); with --baseline also: a")
                .contains("no run carries its label");
        assertThat(run("watch", "--help")[1]).contains("Ctrl-C while watching");
        assertThat(run("--help")[1]).contains("compare", "export");
    }

    @Test
    void parsingErrorsExit4WithUsage() {
        String[] missingFormat = run("export", "some-run");
        assertThat(missingFormat[0]).isEqualTo("4");
        assertThat(missingFormat[2]).contains("Missing required option: '--format=FORMAT'", "Usage: loadlab export");
        String[] noRuns = run("compare");
        assertThat(noRuns[0]).isEqualTo("4");
        assertThat(noRuns[2]).contains("Missing required parameter");
        String[] detached = run("run", "x.json", "--detach", "--baseline", "label:branch=main", "--url", "http://h:1");
        assertThat(detached[0]).isEqualTo("4");
        assertThat(detached[2]).contains("--baseline compares the run once it has ended; it cannot go with --detach");
    }
}
