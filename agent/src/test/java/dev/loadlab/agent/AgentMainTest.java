package dev.loadlab.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The agent's flags as {@link AgentMain} reads them into {@link AgentConfig}, the warm-up's above all. */
class AgentMainTest {
    @TempDir
    Path dir;

    @Test
    void theWarmUpWindowAndToleranceDefaultToFiveSecondsAndThreePercent() throws IOException {
        // Not the cap's default: the build's test plugins set LOADLAB_AGENT_WARM_UP_CAP for every test JVM.
        AgentConfig config = parse();

        assertThat(config.warmUpWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.warmUpTolerance()).isEqualTo(0.03);
        assertThat(new AgentConfig("a1", "h", 1, "h", "c", dir).warmUpCap()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theCapTakesDurationsAsScenariosWriteThemAndABareZero() throws IOException {
        assertThat(parse("--warm-up-cap", "500ms").warmUpCap()).isEqualTo(Duration.ofMillis(500));
        assertThat(parse("--warm-up-cap", "1m30s").warmUpCap()).isEqualTo(Duration.ofSeconds(90));
        assertThat(parse("--warm-up-cap", "0").warmUpCap()).isZero();
        assertThat(parse("--warm-up-cap", "600s").warmUpCap()).isEqualTo(Duration.ofSeconds(600));
        assertThat(parse("--warm-up-window", "2s", "--warm-up-tolerance", "0.5"))
                .extracting(AgentConfig::warmUpWindow, AgentConfig::warmUpTolerance)
                .containsExactly(Duration.ofSeconds(2), 0.5);
    }

    @Test
    void aWarmUpFlagOutOfBoundsIsRefusedNamingTheFlagAndTheLimit() {
        assertRefused("must be between 0 and 600 s", "--warm-up-cap", "601s");
        assertRefused("--warm-up-cap: expected a duration such as", "--warm-up-cap", "soon");
        assertRefused("--warm-up-window must be whole seconds, at least 2 s", "--warm-up-window", "1s");
        assertRefused("--warm-up-window must be whole seconds", "--warm-up-window", "2500ms");
        assertRefused("--warm-up-tolerance must be > 0 and <= 0.5", "--warm-up-tolerance", "0");
        assertRefused("--warm-up-tolerance must be > 0 and <= 0.5", "--warm-up-tolerance", "0.6");
        assertRefused("--warm-up-tolerance must be a fraction such as 0.03", "--warm-up-tolerance", "3%");
    }

    @Test
    void theAllowedTargetsDefaultToLoopbackAndTakeNamesAddressesAndRanges() throws IOException {
        assertThat(parse().allowedTargets().entries()).containsExactly("127.0.0.1", "localhost", "[::1]");
        AgentConfig fenced = parse("--allowed-targets", "10.255.255.1,10.0.0.0/8,[fd00::]/8");

        assertThat(fenced.allowedTargets().check("http://10.1.2.3:80").allowed())
                .isTrue();
        assertThat(fenced.allowedTargets().check("http://[fd00::5]:80").allowed())
                .isTrue();
        assertThat(fenced.allowedTargets().check("http://127.0.0.1:9000").refusal())
                .contains("host 127.0.0.1 is not on the target allowlist");
        assertRefused("--allowed-targets: allowlist entry \"10.0.0.0/33\"", "--allowed-targets", "10.0.0.0/33");
    }

    private void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> parse(args))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(message)
                .hasMessageContaining(args[0]);
    }

    @Test
    void theHelpPrintsEveryDescriptionWholeWithoutFormatWarnings() {
        // A bare percent sign in a description is a format specifier to picocli: it warns and prints it raw.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        String usage;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            usage = new CommandLine(new AgentMain()).getUsageMessage();
        } finally {
            System.setErr(before);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(usage).contains("(0.03 = 3 %)");
    }

    private AgentConfig parse(String... args) throws IOException {
        AgentMain main = new AgentMain();
        List<String> all = new ArrayList<>(List.of("--id", "a1", "--work-dir", dir.toString()));
        all.addAll(List.of(args));
        new CommandLine(main).parseArgs(all.toArray(String[]::new));
        return main.config();
    }
}
