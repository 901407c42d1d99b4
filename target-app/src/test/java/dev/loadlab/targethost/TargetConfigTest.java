package dev.loadlab.targethost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TargetConfigTest {
    @Test
    void defaultsApplyWithoutFlagsOrEnvironment() {
        assertThat(TargetConfig.resolve(null, null, Map.of())).isEqualTo(new TargetConfig("127.0.0.1", 9000, 16));
    }

    @Test
    void environmentBeatsDefaultAndFlagBeatsEnvironment() {
        Map<String, String> env = Map.of("LOADLAB_TARGET_PORT", "9100", "LOADLAB_TARGET_WORKERS", " 4 ");

        assertThat(TargetConfig.resolve(null, null, env)).isEqualTo(new TargetConfig("127.0.0.1", 9100, 4));
        assertThat(TargetConfig.resolve(0, 8, env)).isEqualTo(new TargetConfig("127.0.0.1", 0, 8));
        assertThat(TargetConfig.resolve(null, null, Map.of("LOADLAB_TARGET_WORKERS", ""))
                        .workers())
                .isEqualTo(16);
    }

    @Test
    void errorsNameWhereTheBadValueCameFromAndTheBound() {
        assertThatThrownBy(() -> TargetConfig.resolve(null, 0, Map.of()))
                .hasMessage("--workers must be between 1 and 64, was 0");
        assertThatThrownBy(() -> TargetConfig.resolve(null, 65, Map.of()))
                .hasMessage("--workers must be between 1 and 64, was 65");
        assertThatThrownBy(() -> TargetConfig.resolve(70_000, null, Map.of()))
                .hasMessage("--port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> TargetConfig.resolve(null, null, Map.of("LOADLAB_TARGET_WORKERS", "100"))
                        .workers())
                .hasMessage("LOADLAB_TARGET_WORKERS must be between 1 and 64, was 100");
        assertThatThrownBy(() -> TargetConfig.resolve(null, null, Map.of("LOADLAB_TARGET_PORT", "http")))
                .hasMessage("LOADLAB_TARGET_PORT must be an integer between 0 and 65535, was 'http'");
        assertThatThrownBy(() -> new TargetConfig("127.0.0.1", 0, 99))
                .hasMessage("workers must be between 1 and 64, was 99");
    }

    @Test
    void theCommandLineReadsFlagsThenTheGivenEnvironment() {
        Map<String, String> env = Map.of("LOADLAB_TARGET_WORKERS", "3");

        assertThat(parse(env, "--port", "0").config()).isEqualTo(new TargetConfig("127.0.0.1", 0, 3));
        assertThat(parse(env, "--workers=5").config()).isEqualTo(new TargetConfig("127.0.0.1", 9000, 5));
        assertThatThrownBy(() -> parse(env, "--workers", "65").config())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--workers must be between 1 and 64, was 65");
    }

    private static TargetMain parse(Map<String, String> env, String... args) {
        TargetMain main = new TargetMain(env, new PrintStream(PrintStream.nullOutputStream()));
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void theBindHostComesFromTheFlagThenTheEnvironmentThenLoopback() {
        Map<String, String> env = Map.of("LOADLAB_TARGET_BIND_HOST", "0.0.0.0");

        assertThat(TargetConfig.resolve(null, null, null, env).bindHost()).isEqualTo("0.0.0.0");
        assertThat(TargetConfig.resolve("10.1.2.3", null, null, env).bindHost()).isEqualTo("10.1.2.3");
        assertThat(TargetConfig.resolve(null, null, null, Map.of("LOADLAB_TARGET_BIND_HOST", " "))
                        .bindHost())
                .isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> TargetConfig.resolve(null, null, null, Map.of("LOADLAB_TARGET_BIND_HOST", "a b")))
                .hasMessage("LOADLAB_TARGET_BIND_HOST must be an IP address or host name such as 0.0.0.0 or"
                        + " 127.0.0.1, was 'a b'");
        assertThatThrownBy(() -> TargetConfig.resolve("", null, null, Map.of()))
                .hasMessageStartingWith("--bind-host must be an IP address");
    }
}
