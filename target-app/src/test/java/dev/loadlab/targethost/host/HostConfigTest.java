package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostConfigTest {
    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of(
                HostConfig.PROFILE_ENV, "async",
                HostConfig.CONTROL_PORT_ENV, "9001",
                HostConfig.CONTROL_TOKEN_ENV, "from-env",
                ProfileCatalog.PROFILES_ENV, "/etc/profiles.properties",
                HostConfig.LOGIN_PASSWORD_ENV, " env secret ");
        HostConfig fromEnv = HostConfig.resolve(null, null, null, null, null, env);
        assertThat(fromEnv)
                .isEqualTo(new HostConfig(
                        "async",
                        Optional.of(9001),
                        Optional.of("from-env"),
                        Optional.of(Path.of("/etc/profiles.properties")),
                        " env secret "));
        assertThat(fromEnv.controlEnabled()).isTrue();

        HostConfig fromFlags = HostConfig.resolve("green", 0, "flag", Path.of("p"), "pw", env);
        assertThat(fromFlags)
                .isEqualTo(
                        new HostConfig("green", Optional.of(0), Optional.of("flag"), Optional.of(Path.of("p")), "pw"));

        HostConfig defaults = HostConfig.resolve(null, null, null, null, null, Map.of());
        assertThat(defaults.profile()).isEqualTo("threaded");
        assertThat(defaults.loginPassword()).isEqualTo("loadlab");
        assertThat(defaults.controlEnabled()).isFalse();
    }

    @Test
    void aPortWithoutATokenLeavesTheControlApiOff() {
        assertThat(HostConfig.resolve(null, 9001, null, null, null, Map.of()).controlEnabled())
                .isFalse();
    }

    @Test
    void badPortsNameTheirSourceAndBound() {
        assertThatThrownBy(() -> HostConfig.resolve(null, 70_000, null, null, null, Map.of()))
                .hasMessage("--control-port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() ->
                        HostConfig.resolve(null, null, null, null, null, Map.of(HostConfig.CONTROL_PORT_ENV, "x")))
                .hasMessage("LOADLAB_CONTROL_PORT must be an integer between 0 and 65535, was 'x'");
    }
}
