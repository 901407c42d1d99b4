package dev.loadlab.coordinator.targetcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.HostStats;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stats body read through the protocol record gives the same sample the JsonNode reading gave. */
class TargetControlClientTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aBuiltInProfilesStatsBecomeASample() {
        HostStats stats = Json.read("""
                {"config":{"profile":"multi-process","workers":2},"cpuSeconds":12.5,"rssBytes":1000,"requests":62,
                 "workers":[{"pid":41,"requests":30,"cpuSeconds":6.25,"rssBytes":500},
                            {"pid":42,"requests":32,"cpuSeconds":6.25,"rssBytes":500}],
                 "calibration":{"iterationsPerMs":5,"method":"m"},"method":"m","sampledAt":"2026-01-01T00:00:05Z"}
                """, HostStats.class);

        assertThat(TargetControlClient.toSample(stats, AT))
                .isEqualTo(new TargetSample(AT, 12.5, 1000, 62, Map.of(41L, 30L, 42L, 32L)));
    }

    @Test
    void unknownRequestCountsOfACommandProfileCountAsZero() {
        HostStats stats = Json.read("""
                {"config":{"profile":"gunicorn","workers":2},"cpuSeconds":1.0,"rssBytes":10,"requests":null,
                 "workers":[{"pid":7,"requests":null,"cpuSeconds":1.0,"rssBytes":10}],
                 "calibration":{"iterationsPerMs":5,"method":"m"},"method":"m","sampledAt":"2026-01-01T00:00:05Z",
                 "aFieldFromANewerHost":true}
                """, HostStats.class);

        assertThat(TargetControlClient.toSample(stats, AT)).isEqualTo(new TargetSample(AT, 1.0, 10, 0, Map.of(7L, 0L)));
    }
}
