package dev.loadlab.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CoordinatorConfigTest {
    @Test
    void theCliAndTheBuilderShareEveryDefault() {
        CoordinatorMain main = new CoordinatorMain();
        new CommandLine(main).parseArgs();

        assertThat(main.config()).isEqualTo(CoordinatorConfig.builder().build());
    }

    @Test
    void metricsNeedTheTokenUnlessTheCoordinatorIsStartedWithMetricsOpen() {
        CoordinatorMain closed = new CoordinatorMain();
        new CommandLine(closed).parseArgs();
        CoordinatorMain open = new CoordinatorMain();
        new CommandLine(open).parseArgs("--metrics-open");

        assertThat(closed.config().metricsOpen()).isFalse();
        assertThat(open.config().metricsOpen()).isTrue();
        assertThat(open.config().toBuilder().build()).isEqualTo(open.config());
    }

    @Test
    void theDefaultAllowlistAllowsLoopbackInEverySpelling() {
        CoordinatorConfig config = CoordinatorConfig.builder().build();

        assertThat(config.targetAllowlist().check("http://[::1]:9000/").allowed())
                .isTrue();
        assertThat(config.targetAllowlist().check("http://127.0.0.1:9000/").allowed())
                .isTrue();
        assertThat(config.targetAllowlist().check("http://192.0.2.1:9000/").allowed())
                .isFalse();
    }

    @Test
    void anAllowlistEntryItCannotReadIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> CoordinatorConfig.builder()
                        .allowedTargets(List.of("127.0.0.0/40"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--allowed-targets: allowlist entry \"127.0.0.0/40\"");
    }

    @Test
    void toBuilderChangesOnlyWhatItIsTold() {
        CoordinatorConfig local = CoordinatorConfig.local(Path.of("data"), "c");
        CoordinatorConfig moved =
                local.toBuilder().placementTimeout(Duration.ofSeconds(3)).build();

        assertThat(moved.placementTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(moved.toBuilder().placementTimeout(local.placementTimeout()).build())
                .isEqualTo(local);
        assertThat(local.httpPort()).isZero();
        assertThat(local.hazelcastPort()).isZero();
    }

    @Test
    void aSecretKeyMustBeBase64OfThirtyTwoBytesAndIsNeverQuoted() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(CoordinatorConfig.builder().secretKey(key).build().secretKey())
                .hasValueSatisfying(bytes -> assertThat(bytes).hasSize(32));
        assertThat(CoordinatorConfig.builder().secretKey(" ").build().secretKey())
                .isEmpty();
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> CoordinatorConfig.builder().secretKey(shortKey).build())
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> CoordinatorConfig.builder().secretKey("not base64!"))
                .hasMessageContaining("--secret-key")
                .hasMessageNotContaining("not base64!");
    }
}
