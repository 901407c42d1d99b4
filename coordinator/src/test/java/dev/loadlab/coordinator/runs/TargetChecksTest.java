package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import dev.loadlab.protocol.target.TargetAllowlist;
import org.junit.jupiter.api.Test;

class TargetChecksTest {
    private static final Scenario CONTROLLED = ScenarioCodec.decode("""
            {"name": "sweep",
             "target": {"baseUrl": "http://127.0.0.1:9000",
                        "control": {"url": "http://192.0.2.7:9001", "token": "s3cret"},
                        "profiles": ["threaded"], "workers": [1]},
             "workload": {"requests": [{"name": "io", "path": "/io"}]},
             "load": {"model": "closed", "users": 1, "duration": "1s"}}
            """);

    @Test
    void checksEveryUrlSomethingIsSentToAndNamesItsField() {
        TargetAllowlist loopback = TargetAllowlist.parse(TargetAllowlist.DEFAULT);

        assertThat(TargetChecks.urls(CONTROLLED)).containsOnlyKeys("$.target.baseUrl", "$.target.control.url");
        assertThat(TargetChecks.refusals(loopback, CONTROLLED))
                .extracting(FieldError::field)
                .containsExactly("$.target.control.url");
        assertThat(TargetChecks.refusals(loopback, CONTROLLED).get(0).message())
                .startsWith("host 192.0.2.7 is not on the target allowlist [127.0.0.1, localhost, [::1]]")
                .endsWith("(this coordinator's --allowed-targets or LOADLAB_ALLOWED_TARGETS)");
    }

    @Test
    void aChangedAllowlistRefusesWhatWasAllowed() {
        assertThat(TargetChecks.refusals(TargetAllowlist.parse("127.0.0.0/8,192.0.2.0/24"), CONTROLLED))
                .isEmpty();
        assertThat(TargetChecks.refusals(TargetAllowlist.parse("192.0.2.0/24"), CONTROLLED))
                .extracting(FieldError::field)
                .containsExactly("$.target.baseUrl");
    }
}
